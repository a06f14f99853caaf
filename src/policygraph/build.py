"""Build a project: records -> dataset -> checked -> ``graph/`` files, written atomically."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SKOS

from policygraph.analytics.timeline_html import render_dataset_timeline
from policygraph.collector import frozen, paused
from policygraph.digest.feed import render_feed
from policygraph.errors import Location
from policygraph.export.jsonld import to_jsonld
from policygraph.export.stream import stream
from policygraph.forkrun import map_forked, spare_cores
from policygraph.fulltext.collect import Document, read_documents
from policygraph.graphset import GraphSet
from policygraph.mapping import record_quads
from policygraph.project import Project, packaged
from policygraph.provenance import graph_quads, source_quads
from policygraph.records.check import load_records
from policygraph.records.model import RecordSet
from policygraph.shacldeps import Triples
from policygraph.store import MemoryStore, union_store
from policygraph.views import render_overview
from policygraph.vocab import KOS_GRAPH, ONTOLOGY_GRAPH, PG, new_graph


@dataclass(frozen=True)
class BuildSummary:
    sources: int
    entities: dict[str, int]  # class (prefixed) -> count
    signals: int
    triples: int
    graphs: int


@dataclass(frozen=True)
class BuildResult:
    graphs: GraphSet
    records: RecordSet
    summary: BuildSummary
    written: tuple[Path, ...]

    @cached_property
    def dataset(self) -> Dataset:
        """The built graphs as an rdflib ``Dataset`` (made on first use)."""
        return self.graphs.to_dataset()


def _packaged_graph(name: str) -> Graph:
    return Graph().parse(
        data=packaged(f"schema/{name}").read_text(encoding="utf-8"), format="turtle"
    )


def packaged_concepts() -> set[str]:
    """Codes of the concepts and schemes that ship with policygraph (``stance.exploratory``)."""
    base = "https://w3id.org/policygraph/kos/"
    kos = _packaged_graph("kos.ttl")
    return {str(s)[len(base) :] for s in kos.subjects() if str(s).startswith(base)}


def load_project(
    project: Project, *, cached: bool = False, pending: Mapping[Path, str] | None = None
) -> RecordSet:
    """Read and check a project's sources and records (raises ``DataProblems``); ``cached``
    keeps what each record file gave in the project's cache (``records.filecache``);
    ``pending``: record files' text as they would be written, read instead of the files."""
    cache_dir = project.build_cache_dir if cached else None
    return load_records(
        project.sources_dir,
        project.records_dir,
        packaged_concepts(),
        cache_dir=cache_dir,
        pending=pending,
    )


def build_graphs(project: Project, records: RecordSet) -> GraphSet:
    """Every graph: ontology, KOS, reference, sources, curation and provenance graphs."""
    graphs = GraphSet()
    for name, graph_iri in (("ontology.ttl", ONTOLOGY_GRAPH), ("kos.ttl", KOS_GRAPH)):
        graphs.add((s, p, o, graph_iri) for s, p, o in _packaged_graph(name))
    for record in records.records:
        graphs.add(record_quads(record, records.sources, records.concept_codes))
    for source in records.sources.values():
        relative = source.text_path.relative_to(project.root).as_posix()
        graphs.add(source_quads(source, relative))
    graphs.add(graph_quads(records))
    return graphs


def record_places(records: RecordSet) -> dict[str, Location]:
    """Where each record was written, by the local name of the node it became."""
    return {r.id: r.where for r in records.records if r.id}


def summarise(graphs: GraphSet, records: RecordSet, index: Triples | None = None) -> BuildSummary:
    """What was built; ``index`` is ``Triples(graphs.triples())`` when the caller has it."""
    union = Triples(graphs.triples()) if index is None else index
    classes: Counter[URIRef] = Counter()
    for predicates in union.out.values():
        if predicates.get(SKOS.prefLabel):
            classes.update(c for c in predicates.get(RDF.type, ()) if isinstance(c, URIRef))
    names = new_graph().namespace_manager
    return BuildSummary(
        sources=len(records.sources),
        entities=dict(sorted((names.normalizeUri(c), n) for c, n in classes.items())),
        signals=len(union.subjects(RDF.type, PG.PolicySignal)),
        triples=sum(len(values) for p in union.out.values() for values in p.values()),
        graphs=len(graphs.named()),
    )


log = logging.getLogger(__name__)
T = TypeVar("T")
#: Below this many quads, JSON-LD takes less time than forking a process for it.
FORK_MIN_QUADS = 20_000


def render_outputs(
    project: Project,
    graphs: GraphSet,
    *,
    store: MemoryStore | None = None,
    documents: list[Document] | None = None,
    cache_dir: Path | None = None,
) -> dict[Path, str]:
    """Every file ``build`` writes to ``graph/``, as text; ``store`` is ``union_store(graphs)``
    when the caller has it already. TriG and Turtle are written by Oxigraph from sorted
    N-Quads, as ``export`` writes them (one writer: same store, same bytes); the pages and the
    feed read the same store. Where there is a second core and enough to do, JSON-LD is made
    meanwhile in a forked process (``forkrun``), and so are the pages when no other child of
    this process still runs once TriG and Turtle are written (a rebuild's SHACL check is over by
    then; one from scratch is not, and a third process would only add its memory). Oxigraph's
    in-memory store runs no thread, so a child may read it. ``documents``, when given, gets
    the text index's documents, read here; ``cache_dir``, when given, keeps each named graph's
    JSON-LD for the next build (``export.jsonld``), and then, JSON-LD being cheap, the timeline
    and the feed go with it and the overview has a process of its own."""

    union = union_store(graphs) if store is None else store

    def exports() -> dict[Path, str]:
        return {
            project.trig_path: stream(union, "trig")[0].decode("utf-8"),
            project.turtle_path: stream(union, "turtle")[0].decode("utf-8"),
        }

    def texts() -> dict[Path, str]:  # first of the tasks below: map_forked runs it here
        if documents is not None:
            documents.extend(read_documents(union))
        return {}

    def pages() -> dict[Path, str]:  # a child reads the store as it was at the fork
        return {
            project.timeline_path: render_dataset_timeline(union),
            project.overview_path: render_overview(union),
            project.feed_path: render_feed(union),
        }

    def from_graphs() -> dict[Path, str]:
        return {project.jsonld_path: to_jsonld(graphs, cache_dir)}

    def here() -> dict[Path, str]:
        return texts() | pages()

    def jsonld_and_dated() -> dict[Path, str]:  # JSON-LD from the cache is the lighter share
        return from_graphs() | {
            project.timeline_path: render_dataset_timeline(union),
            project.feed_path: render_feed(union),
        }

    def overview() -> dict[Path, str]:
        return {project.overview_path: render_overview(union)}

    outputs = exports()
    if len(graphs) < FORK_MIN_QUADS:
        parts = [here(), from_graphs()]
    elif spare_cores() > 0 and cache_dir is not None:  # JSON-LD is cheap: the pages split
        log.info("rendering the pages in two processes of their own")
        parts = map_forked(_call, [texts, jsonld_and_dated, overview])
    elif spare_cores() > 0:  # no other child of this process runs: the pages get their own
        log.info("rendering the pages in a process of their own")
        parts = map_forked(_call, [texts, from_graphs, pages])
    else:
        log.info("rendering the pages here: another process is still at work")
        parts = map_forked(_call, [here, from_graphs])
    for part in parts:
        outputs.update(part)
    order = ("trig", "turtle", "jsonld", "timeline", "overview", "feed")
    return {path: outputs[path] for path in (getattr(project, f"{n}_path") for n in order)}


def _call(task: Callable[[], T]) -> T:
    return task()


def build(project: Project, *, write: bool = True) -> BuildResult:
    """Check the records, build the graphs, validate them and (atomically) write ``graph/``.

    In a big project the files are rendered while SHACL (and the summary, from the same index
    of the union) runs in a forked process (``forkrun``); nothing is published unless the graphs
    conform, as when the two run one after the other.
    """
    with paused():  # what is made here lives until the build ends: nothing to collect
        records = load_project(project, cached=write)  # write=False writes nothing
        graphs = build_graphs(project, records)
    with frozen():  # and no collection scans it afterwards
        return _checked_and_written(project, records, graphs, write)


def _checked_and_written(
    project: Project, records: RecordSet, graphs: GraphSet, write: bool
) -> BuildResult:
    from policygraph.errors import DataProblems
    from policygraph.shapes import ValidationReport, validate_dataset

    places = record_places(records)
    shacl_cache = project.build_cache_dir if write else None  # write=False writes nothing
    made: list[MemoryStore] = []
    documents: list[Document] = []

    def check() -> tuple[ValidationReport, BuildSummary]:  # one index of the union for both
        index = Triples(graphs.triples())
        report = validate_dataset(graphs, places, index=index, cache_dir=shacl_cache)
        return report, summarise(graphs, records, index)

    def render() -> dict[Path, str]:
        made.append(union_store(graphs))  # made once for every file, and the text index
        # the text index's documents are published with the files
        return render_outputs(
            project, graphs, store=made[0], documents=documents, cache_dir=project.build_cache_dir
        )

    outputs: dict[Path, str] = {}
    if write and len(graphs) >= FORK_MIN_QUADS:
        both: list[Callable[[], object]] = [render, check]
        rendered, checked = map_forked(_call, both)
        outputs = cast(dict[Path, str], rendered)
        report, summary = cast(tuple[ValidationReport, BuildSummary], checked)
    else:
        report, summary = check()
    if not report.conforms:
        raise DataProblems([str(v) for v in report.violations if v.severity == "Violation"])
    if write:
        outputs = outputs or render()
        _publish(project, outputs, made[0], documents)
    return BuildResult(graphs, records, summary, tuple(outputs))


def _publish(
    project: Project, outputs: dict[Path, str], store: MemoryStore, documents: list[Document]
) -> None:
    """The store first, then ``graph/`` whole: a store that cannot be written stops the build
    before ``graph/`` changes; a killed build leaves ``graph/`` all old or (once the next build
    finishes its renames) all new. The text index follows, from the store's ``documents``."""
    from policygraph.fulltext.index import index_documents
    from policygraph.publish import publish, recover, stage
    from policygraph.stores.project import sync_project_store

    recover(project.graph_dir)
    staged = stage(project.graph_dir, outputs)
    try:
        trig = next(s for s, target in staged.files if target == project.trig_path)
        sync_project_store(project, trig=trig, built=store.inner, strict=True)
        publish(staged)
    except BaseException:
        staged.discard()
        raise
    index_documents(project.text_index_path, project.root, documents)
