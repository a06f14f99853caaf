"""Publishing ``graph/`` whole: every file of a build new, or every file as it was.

A build stages its files beside their targets, then writes a journal naming each staged file
and its target, renames them all, and removes the journal. A process killed while renaming leaves
the journal behind, and the next build (or ``recover``) finishes the renames first: ``graph/`` is
then all new. Killed before the journal was written, it leaves only staged files, which the next
build removes: ``graph/`` is all old. Nothing but staged ``.*.tmp`` files and the journal is ever
removed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from policygraph.atomic import write_atomic

JOURNAL = ".publish.json"


@dataclass(frozen=True)
class Staged:
    """Files written beside their targets, not yet in place."""

    directory: Path
    files: tuple[tuple[Path, Path], ...]  # (staged file, target)

    def discard(self) -> None:
        for staged, _ in self.files:
            staged.unlink(missing_ok=True)


def _mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def stage(directory: Path, files: Mapping[Path, str | bytes]) -> Staged:
    """Write each file to a temporary file beside its target (all in ``directory``)."""
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            staged.append((Path(name), target))
            os.fchmod(fd, _mode())
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        Staged(directory, tuple(staged)).discard()
        raise
    return Staged(directory, tuple(staged))


def publish(staged: Staged) -> None:
    """Put every staged file in place, all of them (see the module's note on ``kill -9``)."""
    journal = staged.directory / JOURNAL
    pairs = [[s.name, t.name] for s, t in staged.files]
    write_atomic(journal, json.dumps(pairs, ensure_ascii=False))
    _finish(staged.directory, pairs)


def _finish(directory: Path, pairs: list[list[str]]) -> None:
    for staged, target in pairs:
        if (directory / staged).exists():
            os.replace(directory / staged, directory / target)
    (directory / JOURNAL).unlink(missing_ok=True)


def _pair(item: object) -> bool:
    """A journal entry: two plain file names (never a path elsewhere)."""
    return (
        isinstance(item, list)
        and len(item) == 2
        and all(isinstance(n, str) and n and "/" not in n and n not in (".", "..") for n in item)
    )


def recover(directory: Path) -> None:
    """Finish a publication a killed build left half done, and remove abandoned staged files."""
    journal = directory / JOURNAL
    if journal.exists():
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pairs = []
        if isinstance(pairs, list) and all(
            isinstance(p, list)
            and len(p) == 2
            and all(isinstance(n, str) and "/" not in n for n in p)
            for p in pairs
        ):
            _finish(directory, pairs)
        journal.unlink(missing_ok=True)
    for leftover in directory.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
