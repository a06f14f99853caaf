"""A project's default store: the built TriG kept in the embedded store, rebuilt when stale."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygraph.atomic import write_atomic
from policygraph.errors import NotFoundError, StoreError
from policygraph.project import Project
from policygraph.stores.base import Store
from policygraph.stores.disk import (
    Transaction,
    current_version,
    open_reader,
    read_meta,
    write_transaction,
)
from policygraph.stores.memory import MemoryStore, load_file
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.stores.union import (
    UNION_VERSION,
    drop_from_union,
    rebuild_union,
    with_default_copies,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

log = logging.getLogger(__name__)
BUILD_WAIT_SECONDS = 30.0


def trig_stamp(path: Path, *, digest: bool = True) -> dict[str, Any]:
    """Size, mtime and (optionally) SHA-256 of the built TriG, to tell a stale store."""
    stat = path.stat()
    stamp: dict[str, Any] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if digest:
        stamp["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return stamp


def is_fresh(project: Project) -> bool:
    """Whether the store holds the current ``graph/policygraph.trig``."""
    return _freshness(project)[0]


def _freshness(project: Project) -> tuple[bool, dict[str, Any] | None]:
    """Whether the store is fresh, and the TriG's new stamp when only its digest says so.

    Size and mtime decide when they are the ones recorded; otherwise the SHA-256 does (a git
    checkout or a touch changes the mtime, not the content).
    """
    if current_version(project.store_dir) is None:
        return False, None
    meta = read_meta(project.store_dir)
    if meta.get("union") != UNION_VERSION:
        return False, None  # written before the default graph held the union: rebuild it
    recorded = meta.get("trig") or {}
    quick = trig_stamp(project.trig_path, digest=False)
    if all(recorded.get(k) == v for k, v in quick.items()):
        return True, None
    stamp = trig_stamp(project.trig_path)
    return (True, stamp) if recorded.get("sha256") == stamp["sha256"] else (False, None)


def _restamp(project: Project, store: OxigraphStore, stamp: dict[str, Any]) -> None:
    """Record the TriG's new size and mtime in the metadata of the version ``store`` holds
    (its shared lock keeps it from being collected), so later reads skip hashing the TriG.
    Best effort: a store folder we may not write to only costs the hashing."""
    root = project.store_dir
    version = current_version(root)
    if version is None or store.label != str(root / version):
        return  # a newer version was published meanwhile; it has its own stamp
    meta = read_meta(root, version)
    meta["trig"] = stamp
    try:
        write_atomic(root / f"{version}.json", json.dumps(meta, indent=1, sort_keys=True))
    except OSError as err:
        log.debug("store %s: TriG stamp not recorded: %s", root, err)


def replace_built_graphs(txn: Transaction, trig: Path, built: ox.Store | None = None) -> int:
    """Swap the graphs of the previous build for those of ``trig``; loaded files stay.

    ``built`` is a store already holding ``trig``'s named graphs (``build``'s union store), else
    the TriG is read into one. A graph whose N-Triples digest is the one recorded at the last
    sync is left alone (most of them, after one source changed). A changed graph is edited in
    place when most of it stays (the provenance graph, where one source's metadata changed):
    only the triples it lost are removed and only the new ones added; the others are removed and
    loaded again. New triples go in one bulk load, as does their part of the union (the default
    graph), which then loses the triples only the replaced or edited graphs stated. (The built
    graphs belong to ``build``: nothing else writes them, so the recorded digests say what the
    store holds.)
    """
    import pyoxigraph as ox

    outside = b""  # triples of the TriG's default graph, kept there as they were
    if built is None:
        built = ox.Store()
        built.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        outside = built.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    recorded: dict[str, str] = txn.meta.get("built_graph_digests") or {}
    old = set(txn.meta.get("built_graphs", []))
    wanted: dict[str, str] = {}
    changed: dict[str, bytes] = {}  # graph IRI -> the N-Triples to load into it
    count = 0
    blank: list[ox.Quad] = []  # graphs with blank nodes: each parse would name them anew
    for graph in built.named_graphs():
        if not isinstance(graph, ox.NamedNode):
            continue
        text = built.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
        lines = text.splitlines(keepends=True)
        count += len(lines)
        wanted[graph.value] = digest = hashlib.sha256(b"".join(sorted(lines))).hexdigest()
        if graph.value in old and recorded.get(graph.value) == digest:
            continue  # unchanged
        if b"_:" in text and _has_blank_nodes(built, graph):
            blank.extend(built.quads_for_pattern(None, None, None, graph))  # one id per node
            continue
        changed[graph.value] = text
    stale: set[ox.Triple] = set()
    for iri in sorted(old):
        if iri in wanted and iri in recorded and recorded[iri] == wanted[iri]:
            continue
        graph = ox.NamedNode(iri)
        edit = _edit_in_place(txn.store, graph, changed.get(iri)) if iri in recorded else None
        if edit is not None:
            gone, changed[iri] = edit
            stale.update(gone)
            continue
        stale.update(q.triple for q in txn.store.quads_for_pattern(None, None, None, graph))
        txn.store.remove_graph(graph)
    named = [text.replace(b" .\n", f" <{iri}> .\n".encode()) for iri, text in changed.items()]
    union = list(changed.values())
    if outside:
        union.append(outside)
    if any(named):  # the copy being written is published only when done: bulk loads are safe
        txn.store.bulk_load(input=b"".join(named), format=ox.RdfFormat.N_QUADS)
    if any(union):
        default = ox.DefaultGraph()
        txn.store.bulk_load(input=b"".join(union), format=ox.RdfFormat.N_TRIPLES, to_graph=default)
    if blank:
        txn.store.bulk_extend(with_default_copies(blank))
    drop_from_union(txn.store, stale)  # what only the replaced or edited graphs stated
    txn.meta["built_graphs"] = sorted(wanted)
    txn.meta["built_graph_digests"] = dict(sorted(wanted.items()))
    txn.meta["trig"] = trig_stamp(trig)
    txn.meta["union"] = UNION_VERSION
    return count


def _edit_in_place(
    store: ox.Store, graph: ox.NamedNode, text: bytes | None
) -> tuple[list[ox.Triple], bytes] | None:
    """Make ``graph`` hold ``text`` (N-Triples) by removing the triples it no longer has: the
    removed triples and the N-Triples still to add, or ``None`` when the graph is better
    replaced whole (gone from the build, blank nodes, or more than half of it changed)."""
    import pyoxigraph as ox

    if text is None:
        return None
    before = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    if b"_:" in before:
        return None
    had, has = set(before.splitlines(keepends=True)), set(text.splitlines(keepends=True))
    gone = had - has
    if 2 * len(gone) > len(had):
        return None
    removed = [
        q.triple for q in ox.parse(input=b"".join(sorted(gone)), format=ox.RdfFormat.N_TRIPLES)
    ]
    for triple in removed:
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    return removed, b"".join(sorted(has - had))


def _has_blank_nodes(store: ox.Store, graph: ox.NamedNode) -> bool:
    import pyoxigraph as ox

    return any(
        isinstance(term, ox.BlankNode)
        for quad in store.quads_for_pattern(None, None, None, graph)
        for term in (quad.subject, quad.object)
    )


def sync_project_store(
    project: Project,
    *,
    wait: float = BUILD_WAIT_SECONDS,
    trig: Path | None = None,
    built: ox.Store | None = None,
    strict: bool = False,
) -> bool:
    """Load the built TriG (or ``trig``, the same file staged by ``build``, whose graphs
    ``built`` holds) into the project's store in one transaction; ``False`` if another process
    holds it. A store that cannot be written at all is a ``StoreError`` when ``strict``, else
    ``False`` too."""
    try:
        with write_transaction(project.store_dir, wait=wait) as txn:
            if txn.meta.get("union") != UNION_VERSION:
                rebuild_union(txn.store)
            replace_built_graphs(txn, trig or project.trig_path, built)
    except StoreError as err:
        log.warning("store not updated: %s (read commands will rebuild it)", err)
        return False
    except OSError as err:
        if strict:
            raise StoreError(
                f"{project.store_dir}: cannot write the store: {err.strerror or err}",
                hint="graph/ was left as it was; make the folder writable, or remove it to "
                "have it rebuilt",
            ) from err
        log.warning("store not updated: %s (reading the built TriG instead)", err)
        return False
    return True


def open_project_store(project: Project) -> Store:
    """The project's embedded store, (re)built from the TriG if stale; memory if it is busy."""
    if not project.trig_path.exists():
        if current_version(project.store_dir) is not None:
            return open_reader(project.store_dir)
        raise NotFoundError(
            f"{project.trig_path}: the project has not been built",
            hint="run `policygraph build` first",
        )
    fresh, stamp = _freshness(project)
    if not fresh and not sync_project_store(project, wait=0.0):
        return MemoryStore(load_file(project.trig_path), label=str(project.trig_path))
    try:
        store = open_reader(project.store_dir)
    except StoreError:
        if not fresh:
            raise
        return MemoryStore(load_file(project.trig_path), label=str(project.trig_path))
    if stamp is not None:
        _restamp(project, store, stamp)
    return store
