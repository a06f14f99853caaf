"""``digest``: what changed since a date, as text, Markdown or JSON."""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policygraph.cli.app import app, reported
from policygraph.cli.common import (
    EndpointOpt,
    GraphOpt,
    InputOpt,
    LangOpt,
    ProjectOpt,
    chosen_input,
    store_of,
)
from policygraph.errors import shown


class DigestFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
@reported
def digest(
    since: Annotated[
        str, typer.Option("--since", help="YYYY, YYYY-MM or YYYY-MM-DD (a month sorts first).")
    ],
    fmt: Annotated[DigestFormat, typer.Option("--format", help="Output format.")] = (
        DigestFormat.text
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    lang: LangOpt = "en",
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """What changed since a date: new sources, signals, support, stance changes, people, posts."""
    from policygraph.api import digest as what_changed
    from policygraph.digest.render import RENDERERS

    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        text = RENDERERS[fmt.value](what_changed(store, since, lang))
    if output is None:
        typer.echo(text, nl=False)
        return
    from policygraph.atomic import write_atomic

    write_atomic(output, text)
    typer.echo(f"wrote {shown(output)}", err=True)
