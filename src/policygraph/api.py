"""The Python API: one verb per command, of the same name (``policygraph store check`` is
``store_check``). The CLI is a thin layer over these; ``tests/test_api.py`` keeps the two in step.

Read verbs take a ``Store`` (``open_store``: a project's, an RDF file's, a remote endpoint's; close
it, or use it in a ``with`` block); project verbs take a ``Project``. Implementations are imported
when a verb is called, so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygraph.project import Project
from policygraph.store import Store, open_store

if TYPE_CHECKING:
    from policygraph.analytics.claims import Claim
    from policygraph.analytics.diff import Diff
    from policygraph.analytics.paths import Connection
    from policygraph.analytics.rank import Ranked
    from policygraph.analytics.stats import Stats
    from policygraph.analytics.timeline import Entry
    from policygraph.build import BuildResult
    from policygraph.card import Card
    from policygraph.digest.compute import Digest
    from policygraph.drafting.archive import Archived
    from policygraph.drafting.draft import Draft
    from policygraph.export import Rendered
    from policygraph.fulltext.search import TextHit
    from policygraph.loading import LoadSummary, Progress
    from policygraph.search import Hit
    from policygraph.sparql import NamedQuery, QueryResult
    from policygraph.stores.maintenance import CheckReport
    from policygraph.stores.pushed import Pushed
    from policygraph.validate import ProjectReport
    from policygraph.views import View

__all__ = [
    "add",
    "build",
    "diff",
    "digest",
    "draft",
    "export",
    "init",
    "load",
    "open_store",
    "path",
    "push",
    "queries",
    "queries_show",
    "query",
    "rank",
    "review",
    "search",
    "search_text",
    "serve",
    "show",
    "stats",
    "store_check",
    "store_dump",
    "store_restore",
    "support",
    "timeline",
    "validate",
    "view",
]


# -- the project's life cycle ----------------------------------------------------------------
def build(project: Project, *, write: bool = True) -> BuildResult:
    """Check the records, build the dataset, validate it, write ``graph/`` and sync the store."""
    from policygraph.build import build as run

    return run(project, write=write)


def validate(project: Project) -> ProjectReport:
    """Every problem with a project's data (record checks, then SHACL), and its warnings."""
    from policygraph.validate import validate_project

    return validate_project(project)


def init(directory: Path) -> list[Path]:
    """Create a new, empty tracker project; the paths created."""
    from policygraph.scaffold import create_project

    return create_project(directory)


# -- adding sources --------------------------------------------------------------------------
def add(target: str, project: Project, *, source_id: str | None = None) -> Archived:
    """Archive a source (a .txt or .html file, or a URL) under ``data/sources/``."""
    from policygraph.drafting.archive import add as run

    return run(target, project, source_id=source_id)


def draft(source_id: str, project: Project) -> tuple[Path, Draft]:
    """Draft a source's records into ``data/drafts/<id>.yaml`` (never read by build)."""
    from policygraph.drafting.draft import draft as run

    return run(source_id, project)


def review(source_id: str, project: Project, **decisions: Any) -> tuple[Path, list[str]]:
    """Accept (and rename) or reject a draft's items; accepted ones go to ``data/records/``."""
    from policygraph.drafting.review import review as run

    return run(source_id, project, **decisions)


# -- asking questions ------------------------------------------------------------------------
def query(
    store: Store,
    sparql: str | NamedQuery,
    params: Mapping[str, object] | None = None,
    *,
    timeout: float | None = None,
    allow_network: bool = False,
    origin: str = "query",
) -> QueryResult:
    """Run a read-only SPARQL query (text or a named query) with typed parameters."""
    from policygraph.sparql.run import query as run

    return run(store, sparql, params, timeout=timeout, allow_network=allow_network, origin=origin)


def queries(project: Project | None = None) -> dict[str, NamedQuery]:
    """The named queries: packaged ones and the project's ``queries/*.rq``, by name."""
    from policygraph.sparql import load_queries

    return load_queries(project)


def queries_show(name: str, project: Project | None = None) -> NamedQuery:
    """One named query (the project's, else the packaged one), or ``NotFoundError``."""
    from policygraph.sparql import get_query

    return get_query(name, project)


def show(store: Store, entity: str, lang: str = "en") -> Card:
    """The card of an entity named in any language (or by IRI, prefixed name or slug)."""
    from policygraph.card import show as card

    return card(store, entity, lang)


def search(
    store: Store,
    text: str,
    type_: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Entities whose labels match ``text``, best first (``search_text`` searches quotes)."""
    from policygraph.search import search as find

    return find(store, text, type_, limit)


def search_text(project: Project, text: str, limit: int = 20) -> list[TextHit]:
    """Full-text search of every quote and archived source text of a project."""
    from policygraph.fulltext import search_text as find

    return find(project, text, limit=limit)


# -- views and exports -----------------------------------------------------------------------
def view(store: Store, **options: Any) -> View:
    """An interactive, offline HTML view (see ``policygraph.views.ViewOptions``)."""
    from policygraph.views import make_view

    return make_view(store, **options)


def export(
    store: Store,
    fmt: str = "turtle",
    *,
    graph: str | None = None,
    query: str | None = None,
    lang: str = "en",
    project: Project | None = None,
) -> Rendered:
    """The graph (or one named graph, or a CONSTRUCT query's result) in ``fmt``."""
    from policygraph.export import export as run

    return run(store, fmt, graph=graph, query=query, lang=lang, project=project)


# -- tracking --------------------------------------------------------------------------------
def stats(store: Store, *, lang: str = "en") -> Stats:
    """Counts by class, graph and predicate; signals per issuer, topic and sector; shape."""
    from policygraph.analytics.stats import stats as run

    return run(store, lang=lang)


def rank(store: Store, **options: Any) -> list[Ranked]:
    """The most central entities (``by``: degree, pagerank or betweenness)."""
    from policygraph.analytics.rank import rank as run

    return run(store, **options)


def path(store: Store, a: str, b: str, **options: Any) -> list[Connection]:
    """The shortest connections between two entities, each step with its direction."""
    from policygraph.analytics.paths import path as run

    return run(store, a, b, **options)


def timeline(store: Store, **options: Any) -> list[Entry]:
    """Signals in date order, with their support and the dates they were seen."""
    from policygraph.analytics.timeline import timeline as run

    return run(store, **options)


def support(store: Store, entity: str | None = None, **options: Any) -> list[Claim]:
    """Claims with the sources that state them (about ``entity``, if given)."""
    from policygraph.analytics.claims import claims
    from policygraph.names import resolve_entity

    about = resolve_entity(store, entity) if entity else None
    return claims(store, about=about, **options)


def diff(old: str, new: str, repo: Path | None = None) -> Diff:
    """What changed between two builds: RDF files or git revisions (``REV``, ``REV:path``)."""
    from policygraph.analytics.diff import diff_builds

    return diff_builds(old, new, repo)


def digest(store: Store, since: str, lang: str = "en") -> Digest:
    """What changed since a date: new sources and signals, support, stances, people, posts."""
    from policygraph.digest import digest as run

    return run(store, since, lang)


# -- stores ----------------------------------------------------------------------------------
def load(
    store_dir: Path,
    files: Sequence[Path],
    *,
    graph: str | None = None,
    progress: Progress | None = None,
) -> LoadSummary:
    """Load RDF files into an embedded store in one transaction: all of them or none."""
    from policygraph.loading import load_files

    return load_files(store_dir, list(files), graph=graph, progress=progress)


def push(project: Project, endpoint: str, **options: Any) -> tuple[Pushed, str]:
    """Upload the built dataset (named graphs, their union as the default graph) to a SPARQL
    1.1 server; what was sent and where (see ``policygraph.stores.push.push``)."""
    from policygraph.stores.push import push as run

    return run(project, endpoint, **options)


def serve(
    project: Project,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float = 60.0,
    allow_hosts: Sequence[str] = (),
    on_ready: Callable[[str], None] = lambda url: None,
) -> None:
    """Serve the project's store read-only over SPARQL until interrupted (``KeyboardInterrupt``),
    behind a front that limits queries and checks ``Host``; ``on_ready(url)`` once listening."""
    from policygraph.server import plan_serve, run_server

    plan = plan_serve(project, host, port)
    run_server(plan, timeout=timeout, allow_hosts=allow_hosts, on_ready=on_ready)


def store_check(store_dir: Path, trig: Path | None = None) -> CheckReport:
    """Open the store, count quads per graph, compare the built graphs with ``trig``."""
    from policygraph.stores.maintenance import check_store

    return check_store(store_dir, trig)


def store_dump(store_dir: Path) -> Iterator[str]:
    """The store's named graphs as sorted N-Quads lines (a backup ``store_restore`` reads)."""
    from policygraph.stores.maintenance import dump_lines

    return dump_lines(store_dir)


def store_restore(store_dir: Path, dump: Path) -> int:
    """Replace the store's content with a dump (N-Quads or TriG), in one transaction."""
    from policygraph.stores.maintenance import restore_store

    return restore_store(store_dir, dump)
