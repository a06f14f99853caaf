"""Options shared by several commands, and how they become a project or a store."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from policygraph.errors import NotFoundError
from policygraph.project import Project, find_project
from policygraph.store import Store, open_store
from policygraph.textsafe import safe_text

if TYPE_CHECKING:
    from policygraph.stores.http import Auth

T = TypeVar("T")

ProjectOpt = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-P",
        help="Project folder (default: the one containing the working directory).",
    ),
]
InputOpt = Annotated[
    Path | None,
    typer.Option(
        "--input",
        "-i",
        help="Read this RDF file (any syntax, .gz too) instead of the project's store.",
    ),
]
#: ``--graph FILE``, the old spelling of ``--input`` (``--graph`` names a graph elsewhere).
GraphOpt = Annotated[
    Path | None, typer.Option("--graph", hidden=True, help="Deprecated: use --input FILE.")
]
EndpointOpt = Annotated[
    str | None,
    typer.Option("--endpoint", help="Read from a remote SPARQL 1.1 endpoint (query URL)."),
]
LangOpt = Annotated[
    str,
    typer.Option(
        "--lang", help="Language of display labels: en, zh or zh-Latn-pinyin (falls back)."
    ),
]


def echo_data(text: str, *, human: bool = True, nl: bool = True) -> None:
    """Print text made from data, its control characters escaped (``policygraph.textsafe``).

    Text for people (tables, cards, lists) is always escaped; a machine format (CSV, JSON,
    RDF) only when it goes to a terminal, so that files and pipes get the data unchanged.
    """
    typer.echo(safe_text(text) if human or sys.stdout.isatty() else text, nl=nl)


def deprecated(old: str, new: str) -> None:
    """Tell the user an old spelling of an option still works, for one release."""
    typer.echo(
        f"policygraph: warning: {old} is deprecated here; use {new} (the old spelling goes in "
        "the next release)",
        err=True,
    )


def either(new: T | None, old: T | None, old_name: str, new_name: str) -> T | None:
    """The value of an option given under its new or (deprecated) old spelling, not both."""
    if old is None:
        return new
    if new is not None:
        raise typer.BadParameter(f"give {new_name} or {old_name}, not both")
    deprecated(old_name, new_name)
    return old


def chosen_input(given: Path | None, graph: Path | None) -> Path | None:
    """``--input FILE``, or the deprecated ``--graph FILE``."""
    return either(given, graph, "--graph FILE", "--input FILE")


def project_of(path: Path | None) -> Project:
    return find_project(path)


def project_or_none(path: Path | None) -> Project | None:
    """The project, if there is one: commands that also work on --graph or --endpoint alone."""
    if path is not None:
        return find_project(path)
    try:
        return find_project(None)
    except NotFoundError:
        return None


def endpoint_auth() -> Auth:
    """Credentials for remote endpoints from the environment: NETRC, POLICYGRAPH_ENDPOINT_TOKEN."""
    from policygraph.stores.http import Auth

    return Auth.from_environment(os.environ, Path.home())


def store_of(
    project: Path | None,
    graph: Path | None,
    endpoint: str | None,
    timeout: float | None = None,
) -> Store:
    """The store a read command uses: --graph, --endpoint, or the project's."""
    if endpoint is not None and graph is None:
        return open_store(None, endpoint=endpoint, timeout=timeout, auth=endpoint_auth())
    if graph is not None:
        return open_store(None, graph_file=graph)
    return open_store(find_project(project))
