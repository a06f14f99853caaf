"""A content-addressed cache of the Turtle text of named graphs, for ``build``.

rdflib's Turtle serialiser is the slowest step of writing ``graph/policygraph.trig`` (about 90 ms
for a source graph of the SASAC article's size). A graph's Turtle depends only on its triples,
the declared prefixes and the serialiser, so an entry is keyed by a SHA-256 of exactly those:
the graph's triples (sorted N-Triples terms), ``vocab.PREFIXES``, the format of this cache and
the versions of policygraph and rdflib. A changed source, reference file or package gives a new
key; nothing is ever looked up by file name or date. The cache holds no validation result, so it
cannot make ``build`` accept what a cold build refuses.

Entries live in ``<project>/.policygraph/cache/turtle/<key>.json``, each with its key and a
checksum of its text, written to a temporary file and renamed (not synced to disk: an entry cut
short by a crash fails its checksum); an entry that does not parse or check out is ignored (and
rewritten). ``prune`` removes the entries a build did not use.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph

from policygraph.serialize import turtle_body
from policygraph.vocab import PREFIXES

log = logging.getLogger(__name__)

#: Bump when the entry layout or the way keys are computed changes.
CACHE_FORMAT = "policygraph-turtle-cache/1"


def _environment() -> str:
    return json.dumps(
        [CACHE_FORMAT, version("policygraph"), version("rdflib"), sorted(PREFIXES.items())]
    )


def graph_key(graph: Graph, environment: str) -> str:
    """SHA-256 of a graph's triples (as sorted N-Triples terms) and ``environment``."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)
    digest = hashlib.sha256(environment.encode("utf-8"))
    digest.update(json.dumps(lines, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def _check(body: str, used: list[str]) -> str:
    return hashlib.sha256(json.dumps([body, used], ensure_ascii=False).encode()).hexdigest()


class TurtleCache:
    """Turtle bodies of graphs, looked up by content; a ``body`` function for ``to_trig``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "turtle"
        self.environment = _environment()
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def _read(self, key: str) -> tuple[str, set[str]] | None:
        path = self.folder / f"{key}.json"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        body, used = entry.get("body"), entry.get("used")
        if not isinstance(body, str) or not isinstance(used, list):
            return None
        if not all(isinstance(u, str) for u in used) or entry.get("check") != _check(body, used):
            log.warning("ignoring a damaged build cache entry: %s", path)
            return None
        return body, set(used)

    def body(self, graph: Graph) -> tuple[str, set[str]]:
        """``serialize.turtle_body(graph)``, from the cache when it holds this content."""
        key = graph_key(graph, self.environment)
        self.used.add(key)
        found = self._read(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        body, used = turtle_body(graph)
        names = sorted(used)
        entry = {"key": key, "body": body, "used": names, "check": _check(body, names)}
        self._write(key, json.dumps(entry, ensure_ascii=False))
        return body, used

    def _write(self, key: str, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
            os.replace(tmp, self.folder / f"{key}.json")
        except BaseException:
            os.unlink(tmp)
            raise

    def prune(self) -> None:
        """Remove the entries this cache was not asked for (old versions of changed graphs)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
