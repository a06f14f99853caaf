"""``load``: RDF files of any syntax into the embedded store, all files in one transaction."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policygraph.errors import NotFoundError
from policygraph.rdfcheck import check_rdf_file, limited_quads
from policygraph.stores.base import QUAD_FORMATS, rdf_format
from policygraph.stores.disk import write_transaction
from policygraph.stores.memory import file_graph, parse_quads
from policygraph.stores.union import UNION_VERSION, rebuild_union, with_default_copies

#: ``progress(triples_so_far, seconds_so_far)``, called about every ``PROGRESS_EVERY`` triples.
Progress = Callable[[int, float], None]
PROGRESS_EVERY = 100_000
#: Quads per bulk insert: bounds memory (the whole file at once took 0.9 GB at 1M triples).
CHUNK = 250_000
#: A load of at least this many quads ends with a compaction (``Store.optimize``): chunked bulk
#: inserts leave many small sorted files behind, and queries read them all (at 1M triples the
#: compaction takes about 2 s and makes queries 20-40% faster). Smaller loads skip it: its cost
#: grows with the whole store, not with the load.
OPTIMIZE_AT = 100_000


@dataclass(frozen=True)
class FileLoad:
    path: Path
    graph: str  # the graph its triples went to ("" when the file names its own graphs)
    triples: int


@dataclass(frozen=True)
class LoadSummary:
    files: tuple[FileLoad, ...]
    triples: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else float(self.triples)


def _monitored(
    quads: Iterator[Any], counter: list[int], progress: Progress | None
) -> Iterator[Any]:
    start = time.perf_counter()
    next_report = PROGRESS_EVERY
    for quad in quads:
        yield quad
        if progress is not None and counter[0] >= next_report:
            progress(counter[0], time.perf_counter() - start)
            next_report += PROGRESS_EVERY


def load_files(
    store_root: Path,
    files: list[Path],
    *,
    graph: str | None = None,
    progress: Progress | None = None,
) -> LoadSummary:
    """Load ``files`` into the store at ``store_root``: all of them, or (on any error) none."""
    import pyoxigraph as ox

    for path in files:
        if not path.is_file():
            raise NotFoundError(f"{path}: no such file")
        check_rdf_file(path, rdf_format(path))  # unknown extensions, limits (rdfcheck)
    start = time.perf_counter()
    loads: list[FileLoad] = []
    counter = [0]
    with write_transaction(store_root) as txn:
        was_empty = next(txn.store.quads_for_pattern(None, None, None), None) is None
        # the union default graph is kept up to date as quads come, unless the store predates it
        current = was_empty or txn.meta.get("union") == UNION_VERSION
        for path in files:
            before = counter[0]
            target = graph or file_graph(path)
            quads = limited_quads(parse_quads(path, ox.NamedNode(target), counter), path)
            monitored = _monitored(quads, counter, progress)
            while chunk := list(itertools.islice(monitored, CHUNK)):
                txn.store.bulk_extend(with_default_copies(chunk) if current else chunk)
            quad_file = rdf_format(path) in QUAD_FORMATS and graph is None
            loads.append(FileLoad(path, "" if quad_file else target, counter[0] - before))
        if not current:
            rebuild_union(txn.store)  # a store written before the default graph held the union
        txn.meta["union"] = UNION_VERSION
        if counter[0] >= OPTIMIZE_AT:
            txn.store.optimize()
        loaded = txn.meta.setdefault("loaded", [])
        loaded.extend(str(f.path) for f in loads)
    return LoadSummary(tuple(loads), counter[0], time.perf_counter() - start)
