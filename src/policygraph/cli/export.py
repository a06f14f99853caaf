"""``export``: the graph in RDF syntaxes, GraphML, GEXF or CSV tables."""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

from pathlib import Path
from typing import Annotated

import typer

from policygraph.cli.app import app, reported
from policygraph.cli.common import (
    EndpointOpt,
    InputOpt,
    LangOpt,
    ProjectOpt,
    either,
    project_or_none,
    store_of,
)
from policygraph.errors import shown

FORMAT_HELP = (
    "turtle (default), trig, nt, nq, jsonld, xml, graphml, gexf or csv; "
    "taken from the -o extension when not given."
)


@app.command()
@reported
def export(
    fmt: Annotated[str | None, typer.Option("--format", help=FORMAT_HELP)] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write ('-' or none: standard output); csv: FILE.zip, FILE.csv or DIR/.",
        ),
    ] = None,
    named_graph: Annotated[
        str | None,
        typer.Option(
            "--named-graph",
            help="Export one named graph: a source id, ref, curation, kos, ontology, prov, "
            "pgg:NAME or an IRI.",
        ),
    ] = None,
    graph: Annotated[
        str | None, typer.Option("--graph", hidden=True, help="Deprecated: --named-graph.")
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            help="Export what a CONSTRUCT query builds (its text, a .rq file or a named query).",
        ),
    ] = None,
    lang: LangOpt = "en",
    project: ProjectOpt = None,
    endpoint: EndpointOpt = None,
    input_file: InputOpt = None,
    source: Annotated[
        Path | None, typer.Option("--from", hidden=True, help="Deprecated: --input FILE.")
    ] = None,
    fmt_short: Annotated[
        str | None, typer.Option("-f", hidden=True, help="Deprecated: --format.")
    ] = None,
) -> None:
    """Export the graph for other tools: lossless RDF, GraphML/GEXF (Gephi, Cytoscape) or CSV."""
    from policygraph.api import export as run_export
    from policygraph.errors import InputError
    from policygraph.export import format_for, write

    graph = either(named_graph, graph, "--graph NAME", "--named-graph NAME")
    source = either(input_file, source, "--from FILE", "--input FILE")
    fmt = either(fmt, fmt_short, "-f FORMAT", "--format FORMAT")
    target = None if output in (None, "-") else Path(str(output))
    chosen = format_for(output, fmt)
    if target is None and chosen == "csv":
        raise InputError(
            "csv writes two tables (nodes and edges) and cannot go to standard output",
            hint="give -o FILE.zip, -o FILE.csv or -o DIR/",
        )
    found = project_or_none(project)  # its own named queries; none with --input/--endpoint
    with store_of(project, source, endpoint) as store:
        rendered = run_export(store, chosen, graph=graph, query=query, lang=lang, project=found)
    if rendered.merged:
        typer.echo(
            f"policygraph: note: {chosen} cannot hold named graphs; merged {rendered.merged} "
            "graphs into one (trig, nq and jsonld keep them)",
            err=True,
        )
    if target is None:
        typer.echo(rendered.files[""], nl=False)
        return
    for path in write(rendered, target):
        typer.echo(f"wrote {shown(path)}")
