"""``view``: write an interactive, offline HTML view of (part of) the graph."""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

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
    project_or_none,
    store_of,
)
from policygraph.errors import shown


@app.command()
@reported
def view(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "view.html"
    ),
    open_it: Annotated[bool, typer.Option("--open", help="Open the view in a browser.")] = False,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Draw around this entity (IRI, slug or name).")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="Steps from --focus.")] = 1,
    query: Annotated[
        str | None,
        typer.Option("--query", help="A .rq file or named query: CONSTRUCT graph or SELECT IRIs."),
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--type", help="Keep nodes of this class, e.g. foaf:Person (repeatable)."),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Only what this source states (source id).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Drop dated nodes before this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Drop dated nodes after this date.")
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", help="Keep the N best-connected nodes.")
    ] = None,
    lang: LangOpt = "en",
    raw: Annotated[
        bool, typer.Option("--raw", help="Draw every RDF node (no folding of posts).")
    ] = False,
    size: Annotated[
        str, typer.Option("--size", help="Node size by degree or pagerank.")
    ] = "degree",
    min_support: Annotated[
        int,
        typer.Option(
            "--min-support",
            min=0,
            help="Keep claims and facts stated by at least K sources (curated ones stay).",
        ),
    ] = 0,
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Write an interactive network view: one HTML file that works offline."""
    from policygraph.api import view as make_view
    from policygraph.atomic import write_atomic

    text = None
    if query:  # the query machinery is imported only when a view needs it
        from policygraph.sparql.named import load_query_text

        text = load_query_text(query, project_or_none(project), inline=False)[0]
    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        view = make_view(
            store, focus=focus, depth=depth, query=text, types=tuple(types or ()), source=source,
            since=since, until=until, top=top, lang=lang, raw=raw, min_support=min_support,
            size_by=size,
        )  # fmt: skip
    write_atomic(output, view.html)
    typer.echo(f"wrote {shown(output)}: {view.nodes} nodes, {view.edges} edges")
    if open_it:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())
