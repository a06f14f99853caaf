"""``store check|dump|restore``: verify the store, back it up as text, rebuild it from a dump."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policygraph.errors import InputError, Location
from policygraph.stores.base import ox_format
from policygraph.stores.disk import open_reader, read_meta, write_transaction
from policygraph.stores.union import UNION_VERSION, named_quads, rebuild_union

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True)
class CheckReport:
    version: str
    graphs: dict[str, int]  # graph IRI ("" = default graph) -> quads
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _line(quad: ox.Quad) -> str:
    return f"{quad} ."


def _graph_name(quad: ox.Quad) -> str:
    import pyoxigraph as ox

    name = quad.graph_name
    return name.value if isinstance(name, ox.NamedNode) else ""


def _digests(quads: Iterator[ox.Quad], only: set[str] | None = None) -> dict[str, str]:
    lines: dict[str, list[str]] = {}
    for quad in quads:
        name = _graph_name(quad)
        if only is None or name in only:
            lines.setdefault(name, []).append(_line(quad))
    return {
        name: hashlib.sha256("\n".join(sorted(set(found))).encode()).hexdigest()
        for name, found in lines.items()
    }


def check_store(root: Path, trig: Path | None) -> CheckReport:
    """Open the store, count quads per graph, compare the built graphs with ``trig``."""
    import pyoxigraph as ox

    store = open_reader(root)
    try:
        counts = Counter(_graph_name(q) for q in named_quads(store.inner))
        problems: list[str] = []
        built = set(read_meta(root).get("built_graphs", []))
        if trig is not None and trig.exists():
            expected = _digests(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
            actual = _digests(named_quads(store.inner), set(expected))
            for name in sorted(set(expected) | built):
                if expected.get(name) != actual.get(name):
                    problems.append(f"graph <{name}> differs from {trig}")
        return CheckReport(store.label, dict(sorted(counts.items())), tuple(problems))
    finally:
        store.close()


def dump_lines(root: Path) -> Iterator[str]:
    """Every quad of the named graphs as a sorted N-Quads line (a deterministic backup; the
    default graph, their union, is derived and rebuilt by ``restore``)."""
    store = open_reader(root)
    try:
        lines = sorted(_line(q) for q in named_quads(store.inner))
    finally:
        store.close()
    for line in lines:
        yield line + "\n"


def restore_store(root: Path, dump: Path) -> int:
    """Replace the store's content with ``dump`` (N-Quads or TriG), in one transaction."""
    import pyoxigraph as ox

    with write_transaction(root, empty=True) as txn:
        try:
            quads = list(ox.parse(path=str(dump), format=ox_format(dump)))
        except SyntaxError as err:
            where = Location(dump, err.lineno or 0, err.offset or 0)
            raise InputError(f"cannot parse the dump: {err.msg}", where=where) from err
        txn.store.bulk_extend(quads)
        rebuild_union(txn.store)
        txn.meta["union"] = UNION_VERSION
        txn.meta.pop("trig", None)  # read commands re-sync the built graphs from the TriG
        return len(quads)
