"""A content-keyed cache of SHACL results per focus node, for ``validate`` and ``build``.

A focus node's results depend only on the shapes, on the triples its constraints can read
(``shacldeps.ShapePlan.reads``), on which shapes target it and on the class hierarchy. An entry
is keyed by a SHA-256 of exactly those (the shapes' text, the triples as sorted N-Triples terms)
and of the cache format and the policygraph, pySHACL and rdflib versions: a node whose key is
known is not validated again; any change to what it reads gives a new key. Nothing is looked up
by file name or date.

All entries live in one file, ``<project>/.policygraph/cache/shacl/results.json`` (a run has tens
of thousands of focus nodes, most with no result), written to a temporary file and renamed: a
header line (format, SHA-256 of the rest), then the entries as JSON. A file that does not parse
or check out is ignored (and rewritten), and so is an entry that is not a list of results.
Entries a run did not use are dropped when it writes the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from policygraph.checkedjson import read_checked, write_checked
from policygraph.forkrun import map_forked, usable_cores
from policygraph.shacldeps import ShapePlan, Triple, Triples
from policygraph.vocab import SH

log = logging.getLogger(__name__)

#: Bump when the entry layout or the way keys are computed changes.
CACHE_FORMAT = "policygraph-shacl-cache/2"


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, as much of it as ``validate`` reports."""

    focus: str  # N-Triples term
    path: str  # an IRI, or "" (a node constraint)
    message: str
    severity: str  # the severity IRI
    component: str  # the constraint component IRI
    max_count: int | None  # the source shape's sh:maxCount, if any

    def row(self) -> list[object]:
        return [self.focus, self.path, self.message, self.severity, self.component, self.max_count]


def _result(row: object) -> Result | None:
    if not isinstance(row, list) or len(row) != 6 or not all(isinstance(v, str) for v in row[:5]):
        return None
    limit = row[5]
    if limit is not None and not isinstance(limit, int):
        return None
    return Result(row[0], row[1], row[2], row[3], row[4], limit)


def focus_shapes(plan: ShapePlan, data: Triples) -> dict[Node, list[URIRef]]:
    """Each focus node of ``data`` and the shapes that target it (sorted)."""
    below: dict[Node, set[Node]] = {}
    for sub, sup in data.pairs(RDFS.subClassOf):
        below.setdefault(sup, set()).add(sub)
    found: dict[Node, set[URIRef]] = {}
    for shape, targets in plan.targets.items():
        for kind, value in targets:
            if kind == SH.targetClass:
                classes: set[Node] = {value}
                todo: list[Node] = [value]
                while todo:
                    for sub in below.get(todo.pop(), ()):
                        if sub not in classes:
                            classes.add(sub)
                            todo.append(sub)
                nodes: Iterable[Node] = (n for c in classes for n in data.subjects(RDF.type, c))
            elif kind == SH.targetObjectsOf:
                nodes = data.by_object(value)
            else:
                nodes = (value,)
            for node in nodes:
                found.setdefault(node, set()).add(shape)
    return {node: sorted(shapes) for node, shapes in found.items()}


def environment(shapes_text: str, plan: ShapePlan, data: Triples) -> str:
    lines = [f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in plan.global_triples(data)]
    versions = [version(name) for name in ("policygraph", "pyshacl", "rdflib")]
    return json.dumps([CACHE_FORMAT, versions, shapes_text, lines], ensure_ascii=False)


def node_key(
    environment_digest: bytes,
    node: Node,
    shapes: list[URIRef],
    reads: set[Triple],
    terms: dict[Node, str],
) -> str:
    """SHA-256 of what ``node``'s results depend on; ``terms`` memoises N-Triples terms."""
    lines = sorted(" ".join(terms.get(t) or terms.setdefault(t, t.n3()) for t in r) for r in reads)
    digest = hashlib.sha256(environment_digest)
    digest.update(json.dumps([node.n3(), shapes, lines], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


class ResultCache:
    """Results by key; ``save`` writes the entries used in this run."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "shacl" / "results.json"
        self.entries = self._load()
        self.used: dict[str, list[Result]] = {}
        self.hits = 0
        self.misses = 0

    def _load(self) -> dict[str, object]:
        """The entries, rows not yet checked (``get`` does)."""
        entries = read_checked(self.path, CACHE_FORMAT)
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str) -> list[Result] | None:
        rows = self.entries.get(key)
        results = [_result(row) for row in rows] if isinstance(rows, list) else [None]
        found = [r for r in results if r is not None]
        if len(found) != len(results):
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = found
        return found

    def put(self, key: str, results: list[Result]) -> None:
        self.used[key] = results

    def save(self) -> None:
        """Write the entries this run used, if they differ from the file's (a folder that cannot
        be written is logged, not raised)."""
        if self.used.keys() == self.entries.keys() and not self.misses:
            return
        entries = {key: [r.row() for r in self.used[key]] for key in sorted(self.used)}
        write_checked(self.path, CACHE_FORMAT, entries)


Runner = Callable[[Graph], list[Result]]
#: Below this many triples to read, validating in one process costs less than forking.
PARALLEL_MIN_READS = 20_000


def cached_results(
    plan: ShapePlan,
    shapes_text: str,
    data: Triples,
    cache: ResultCache,
    run: Runner,
    *,
    parts: int | None = None,
) -> list[Result]:
    """The results for every focus node of ``data``: from ``cache`` where its key is known, the
    rest from ``run`` on the triples those nodes read (a subgraph of ``data``, which gives the
    same results for them: each of their constraints finds there every triple it would in
    ``data``); results ``run`` gives for other nodes of the subgraph are dropped.

    The nodes to validate are split into ``parts`` (default: one per usable core when they read
    at least ``PARALLEL_MIN_READS`` triples), each run on its own subgraph in its own process
    (``forkrun``); by the same argument, the results are those of one run."""
    env = hashlib.sha256(environment(shapes_text, plan, data).encode("utf-8")).digest()
    results: list[Result] = []
    missed: dict[Node, tuple[str, set[Triple]]] = {}
    terms: dict[Node, str] = {}
    for node, shapes in focus_shapes(plan, data).items():
        reads = plan.reads(data, node, shapes)
        key = node_key(env, node, shapes, reads, terms)
        found = cache.get(key)
        if found is not None:
            results.extend(found)
            continue
        for shape in shapes:  # what makes the node a target of sh:targetObjectsOf
            for kind, value in plan.targets[shape]:
                if kind == SH.targetObjectsOf:
                    reads.add((data.subjects(value, node)[0], value, node))
        missed[node] = (key, reads)
    if missed:
        shared = plan.global_triples(data)

        def validate_part(nodes: list[Node]) -> list[Result]:
            subgraph = Graph()
            for triple in shared:
                subgraph.add(triple)
            for node in nodes:
                for triple in missed[node][1]:
                    subgraph.add(triple)
            # not with pySHACL's focus_nodes: that also skips the value nodes of sh:node and
            # sh:qualifiedValueShape (0.40: a person with no English name conformed)
            wanted = {node.n3() for node in nodes}
            return [r for r in run(subgraph) if r.focus in wanted]

        by_focus: dict[str, list[Result]] = {}
        for part in map_forked(validate_part, split(missed, parts)):
            for result in part:
                by_focus.setdefault(result.focus, []).append(result)
        for node, (key, _) in missed.items():
            fresh = by_focus.get(node.n3(), [])
            cache.put(key, fresh)
            results.extend(fresh)
    cache.save()
    return results


#: Nodes per block dealt to the parts in turn (``split``).
BLOCK = 64


def split(missed: dict[Node, tuple[str, set[Triple]]], parts: int | None) -> list[list[Node]]:
    """The nodes in sorted order, in blocks of ``BLOCK`` dealt to the parts in turn: a claim's
    IRI begins its evidence's, so a block's nodes mostly read the same triples, and each part
    gets its share of every kind of node (their cost differs: signals have SPARQL
    constraints)."""
    nodes = sorted(missed, key=lambda n: n.n3())
    if parts is None:
        reads = sum(len(missed[n][1]) for n in nodes)
        parts = usable_cores() if reads >= PARALLEL_MIN_READS else 1
    parts = max(1, min(parts, len(nodes)))
    cuts: list[list[Node]] = [[] for _ in range(parts)]
    for number, start in enumerate(range(0, len(nodes), BLOCK)):
        cuts[number % parts].extend(nodes[start : start + BLOCK])
    return [cut for cut in cuts if cut]
