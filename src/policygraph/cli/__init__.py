"""The command-line interface: a thin Typer layer over the library.

Each module registers its commands on ``app``; library imports happen inside the commands so that
a command only pays for what it uses. Exit codes: see ``policygraph.cli.app``.
"""

from __future__ import annotations

from importlib import import_module

from policygraph.cli.app import app

#: Command modules, in the order their commands appear in ``--help``.
COMMAND_MODULES = ("core", "draft", "query", "view", "export", "analytics", "digest", "store")
for _module in COMMAND_MODULES:
    import_module(f"policygraph.cli.{_module}")


def main() -> None:
    app()


__all__ = ["app", "main"]
