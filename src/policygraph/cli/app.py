"""The Typer app, its global options, and the one place errors become exit codes.

Exit codes (the same table is in README.md):

====  =====================================================================
0     success (``validate``: the data conforms; ``diff``: no difference)
1     ``validate``: the data does not conform; ``diff``: the builds differ
2     usage error: an unknown option, a missing argument (Typer's own)
3     bad input: a malformed record or RDF file, a bad quote, a bad value; ``review``:
      accepted items that would make the data invalid (nothing is written)
4     not found: unknown entity, named query, source, file; ambiguous name
5     query error: SPARQL syntax, a refused update or SERVICE, a bad parameter
6     a query ran past ``--timeout`` (or a remote endpoint did not answer in time)
7     store error: locked, unreadable, or a remote endpoint that fails
130   interrupted (Ctrl-C)
====  =====================================================================
"""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from policygraph.errors import PolicyGraphError
from policygraph.textsafe import redact, safe_text

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="policygraph",
    help="Track policy signals in a knowledge graph: build it from curated records, query it "
    "with SPARQL, draw it, analyse it, export it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEBUG_ENV = "POLICYGRAPH_DEBUG"


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def fail(err: PolicyGraphError) -> typer.Exit:
    """Print ``err`` as ``policygraph: error: ...`` (plus its hint) and give its exit code."""
    typer.echo(f"policygraph: error: {safe_text(redact(str(err)))}", err=True)
    if err.hint:
        typer.echo(f"hint: {safe_text(redact(err.hint))}", err=True)
    return typer.Exit(err.exit_code)


def reported(command: Callable[P, R]) -> Callable[P, R]:
    """Show expected library errors as a message and an exit code, never a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except PolicyGraphError as err:
            if debugging():
                raise
            raise fail(err) from err
        except KeyboardInterrupt:
            typer.echo("policygraph: interrupted", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return run


def show_version(wanted: bool) -> None:
    """``--version``: print the installed version and stop (before any command is looked at)."""
    if wanted:
        from importlib.metadata import version

        typer.echo(f"policygraph {version('policygraph')}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for errors."),
    version: bool = typer.Option(
        False, "--version", callback=show_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Global options."""
    if debug:
        os.environ[DEBUG_ENV] = "1"
