"""The one error hierarchy of policygraph.

The library raises only these for expected failures; ``policygraph.cli`` maps them to exit codes
in one place. Every error carries a message a person can act on and, where it helps, a hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


def shown(path: Path) -> str:
    """``path`` relative to the working directory when it lies inside it, as a person typed it:
    every path policygraph prints goes through here."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@dataclass(frozen=True)
class Location:
    """A place in an input file; lines and columns count from 1."""

    path: Path
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        text = shown(self.path)
        if self.line:
            text += f":{self.line}"
            if self.col:
                text += f":{self.col}"
        return text


class PolicyGraphError(Exception):
    """An expected failure: bad input, an unknown name, a refused operation."""

    exit_code = 3

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(PolicyGraphError):
    """A bad record, source or RDF file, with its location."""

    def __init__(self, message: str, *, where: Location | None = None, hint: str = "") -> None:
        full = f"{where}: {message}" if where else message
        super().__init__(full, hint=hint)
        self.where = where


class OutputError(PolicyGraphError, OSError):
    """A file that cannot be written: a read-only folder, a full disk, a folder in the way.

    Also an ``OSError``, so code that treats a failed write as best effort still catches it.
    """


@dataclass(frozen=True)
class Finding:
    """One problem (or warning) with a project's data: where, and ``record: message``."""

    where: Location | None
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text


class DataProblems(PolicyGraphError):
    """Several problems found at once in a project's records (each one a line)."""

    def __init__(
        self,
        problems: list[str],
        findings: tuple[Finding, ...] = (),
        warnings: tuple[str, ...] = (),
    ) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__("\n".join([*problems, f"{count} {noun} in the records"]))
        self.problems = problems
        #: the same problems with their places apart (empty when a caller gave only lines)
        self.findings = findings
        #: warnings found on the way (sources that disagree), which alone would not fail
        self.warnings = warnings


class RefusedItems(PolicyGraphError):
    """Accepted draft items that would make the project's data invalid: nothing is written.

    Exit code 3, like any bad input: each problem is one ``file:line:col: item: message`` line.
    """

    def __init__(self, problems: list[str], *, hint: str, keys: Sequence[str] = ()) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = [*problems, f"{count} {noun} in the accepted items; nothing was written"]
        super().__init__("\n".join(lines), hint=hint)
        self.problems = problems
        self.keys = tuple(keys)  # the draft items the problems were placed at


class MissingDependencyError(PolicyGraphError):
    """An optional extra that is not installed (pandas for DataFrames)."""


class NotFoundError(PolicyGraphError):
    """An entity, named query, source or file that does not exist."""

    exit_code = 4


class AmbiguousError(PolicyGraphError):
    """A name that matches several entities."""

    exit_code = 4


class QueryError(PolicyGraphError):
    """A SPARQL query that cannot be parsed, is refused, or fails."""

    exit_code = 5


class QueryTimeout(QueryError):
    """A query that ran past its time limit."""

    exit_code = 6


class StoreError(PolicyGraphError):
    """A store that cannot be opened, is locked, or a remote endpoint that fails."""

    exit_code = 7
