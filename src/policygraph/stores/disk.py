"""The embedded store on disk: immutable, versioned Oxigraph directories and one writer.

Layout of a store folder (``<project>/.policygraph/store``)::

    CURRENT            the published version's name, replaced atomically
    write.lock         flock held by the one writer; holds its pid
    v000007/           an Oxigraph (RocksDB) store; never written once published
    v000007.json       its metadata: built graphs, the TriG it was built from
    v000007.lock       readers hold a shared flock on it; GC skips locked versions

A writer copies the published version (RocksDB checkpoint: hard links), changes the copy, and
publishes it by replacing ``CURRENT``. A failed or killed writer leaves the published version
untouched, so every load is all or nothing, and readers never see a store being written.
"""

from __future__ import annotations

import functools
import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygraph.atomic import write_atomic
from policygraph.errors import StoreError
from policygraph.stores.lock import WriteLock, try_exclusive, try_shared, unlock
from policygraph.stores.oxigraph import OxigraphStore

if TYPE_CHECKING:
    import pyoxigraph as ox

log = logging.getLogger(__name__)
CURRENT = "CURRENT"
WRITE_LOCK = "write.lock"


def current_version(root: Path) -> str | None:
    """The published version's name, or ``None`` for a store that was never written."""
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name if name and (root / name).is_dir() else None


def read_meta(root: Path, version: str | None = None) -> dict[str, Any]:
    version = version or current_version(root)
    if version is None:
        return {}
    try:
        meta: dict[str, Any] = json.loads((root / f"{version}.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return meta


def open_reader(root: Path) -> OxigraphStore:
    """Open the published version read-only (it never changes while we hold it)."""
    import pyoxigraph as ox

    for _ in range(5):
        version = current_version(root)
        if version is None:
            raise StoreError(
                f"{root}: no store here yet",
                hint="run `policygraph build` or `policygraph load FILE`",
            )
        fd = try_shared(root / f"{version}.lock")
        if fd is None or not (root / version).is_dir():
            if fd is not None:
                unlock(fd)
            continue  # collected between reading CURRENT and locking: read it again
        try:
            inner = ox.Store.read_only(str(root / version))
        except OSError as err:
            unlock(fd)
            raise StoreError(
                f"{root / version}: cannot open the store: {err}",
                hint="`policygraph store restore DUMP` rebuilds it from a dump; "
                "`policygraph build` from the records",
            ) from err
        return OxigraphStore(
            inner, label=str(root / version), on_close=functools.partial(unlock, fd)
        )
    raise StoreError(f"{root}: the store keeps changing under us; try again")


@dataclass
class Transaction:
    """A writable copy of the store; published only if the ``with`` block ends normally."""

    store: ox.Store
    meta: dict[str, Any] = field(default_factory=dict)
    fresh: bool = False


def _next_version(root: Path) -> str:
    numbers = [int(p.name[1:]) for p in root.glob("v*") if p.is_dir() and p.name[1:].isdigit()]
    return f"v{max(numbers, default=0) + 1:06d}"


@contextmanager
def write_transaction(
    root: Path, *, wait: float = 0.0, empty: bool = False
) -> Iterator[Transaction]:
    """All-or-nothing change of the store at ``root``; one writer at a time (``StoreError``)."""
    import pyoxigraph as ox

    lock = WriteLock(root / WRITE_LOCK)
    lock.acquire(wait)
    try:
        collect_garbage(root)
        published = current_version(root)
        version = _next_version(root)
        target = root / version
        if published is not None and not empty:
            ox.Store.read_only(str(root / published)).backup(str(target))
        txn = Transaction(ox.Store(str(target)), dict(read_meta(root, published)), fresh=empty)
        try:
            yield txn
            txn.store.flush()
        except BaseException:
            del txn.store
            shutil.rmtree(target, ignore_errors=True)
            raise
        del txn.store
        write_atomic(root / f"{version}.json", json.dumps(txn.meta, indent=1, sort_keys=True))
        write_atomic(root / CURRENT, version + "\n")
        collect_garbage(root)
    finally:
        lock.release()


def collect_garbage(root: Path) -> None:
    """Remove unpublished or superseded versions that no reader holds (call under the lock)."""
    published = current_version(root)
    for folder in sorted(root.glob("v*")):
        name = folder.name.split(".")[0]
        if folder.name.endswith(".names") and name != published and not (root / name).is_dir():
            folder.unlink(missing_ok=True)  # a label index a reader kept after its version went
            continue
        if name == published or not folder.is_dir():
            continue
        fd = try_exclusive(root / f"{name}.lock")
        if fd is None and (root / f"{name}.lock").exists():
            continue  # a reader still has it open
        shutil.rmtree(folder, ignore_errors=True)
        (root / f"{name}.json").unlink(missing_ok=True)
        (root / f"{name}.names").unlink(missing_ok=True)  # its label index (labelindex.py)
        if fd is not None:
            (root / f"{name}.lock").unlink(missing_ok=True)
            unlock(fd)
    log.debug("store %s: published %s", root, published)
