"""A project's default store: the built TriG kept in the embedded store, rebuilt when stale."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

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


def replace_built_graphs(txn: Transaction, trig: Path) -> int:
    """Swap the graphs of the previous build for those of ``trig``; loaded files stay.

    The default graph (the union of the named graphs) loses the triples that only the old
    graphs stated and gains the new ones.
    """
    import pyoxigraph as ox

    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    by_graph: dict[Any, set[ox.Quad]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, set()).add(quad)
    graphs = set(by_graph)
    old = {ox.NamedNode(iri) for iri in txn.meta.get("built_graphs", [])}
    stale: set[ox.Triple] = set()
    added: list[ox.Quad] = []
    for graph in graphs | old:
        if not isinstance(graph, ox.NamedNode):
            added.extend(by_graph.get(graph, ()))  # the TriG's default graph, as it was
            continue
        held = set(txn.store.quads_for_pattern(None, None, None, graph))
        if held == by_graph.get(graph, set()):
            continue  # an unchanged graph (most of them, after one source changed)
        stale.update(q.triple for q in held)
        txn.store.remove_graph(graph)
        added.extend(by_graph.get(graph, ()))
    # the new graphs and their triples in the union; bulk: the copy is published only when done
    txn.store.bulk_extend(with_default_copies(added))
    drop_from_union(txn.store, stale)  # what only the replaced graphs stated
    txn.meta["built_graphs"] = sorted(g.value for g in graphs if isinstance(g, ox.NamedNode))
    txn.meta["trig"] = trig_stamp(trig)
    txn.meta["union"] = UNION_VERSION
    return len(quads)


def sync_project_store(
    project: Project,
    *,
    wait: float = BUILD_WAIT_SECONDS,
    trig: Path | None = None,
    strict: bool = False,
) -> bool:
    """Load the built TriG (or ``trig``, the same file staged by ``build``) into the project's
    store in one transaction; ``False`` if another process holds it. A store that cannot be
    written at all is a ``StoreError`` when ``strict``, else ``False`` too."""
    try:
        with write_transaction(project.store_dir, wait=wait) as txn:
            if txn.meta.get("union") != UNION_VERSION:
                rebuild_union(txn.store)
            replace_built_graphs(txn, trig or project.trig_path)
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
