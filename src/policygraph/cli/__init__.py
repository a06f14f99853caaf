"""The command-line interface: a thin Typer layer over the library.

Each module registers its commands on ``app``; library imports happen inside the commands so that
a command only pays for what it uses. Exit codes: see ``policygraph.cli.app``.
"""

from __future__ import annotations

from policygraph.cli import analytics, core, export, query, store, view  # noqa: F401  (registers)
from policygraph.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
