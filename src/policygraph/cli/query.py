"""``query``, ``queries``, ``show`` and ``search``: asking the graph questions.

Library imports happen inside the commands so that ``policygraph query`` loads only what it uses.
"""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

import sys
from pathlib import Path
from typing import Annotated

import typer

from policygraph.cli.app import app, reported
from policygraph.cli.common import (
    EndpointOpt,
    GraphOpt,
    LangOpt,
    ProjectOpt,
    project_or_none,
    store_of,
)
from policygraph.errors import NotFoundError, QueryError
from policygraph.limits import MAX_QUERY_CHARS, read_query_file

queries_app = typer.Typer(
    help="List the named queries, or print one.", invoke_without_command=True, no_args_is_help=False
)
app.add_typer(queries_app, name="queries")


def _read_text(sparql: str | None, file: Path | None) -> tuple[str, str]:
    if file is not None:
        if sparql is not None:
            raise QueryError("give the query as an argument or with -f FILE, not both")
        if not file.exists():
            raise NotFoundError(f"{file}: no such file")
        return read_query_file(file), str(file)
    if sparql == "-":
        return sys.stdin.read(MAX_QUERY_CHARS + 1), "<stdin>"  # more is refused
    if sparql is None:
        raise QueryError(
            "no query given",
            hint="pass the query text, -f FILE.rq, - (standard input) or --name NAME",
        )
    return sparql, "query"


@app.command()
@reported
def query(
    sparql: Annotated[
        str | None, typer.Argument(help="SPARQL text, or - to read standard input.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from FILE.rq.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a named query.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="VAR=VALUE, bound as a typed RDF term (repeatable)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="table|csv|tsv|json|xml|markdown (SELECT); turtle|nt|jsonld|trig (CONSTRUCT).",
        ),
    ] = "table",
    labels: Annotated[
        bool, typer.Option("--labels", help="Add each IRI's display label (table, markdown).")
    ] = False,
    lang: LangOpt = "en",
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Stop the query after SECONDS.")
    ] = None,
    allow_network: Annotated[
        bool, typer.Option("--allow-network", help="Allow SERVICE clauses to call other servers.")
    ] = False,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Run a read-only SPARQL query; every project prefix is predeclared."""
    from policygraph.names import display_labels
    from policygraph.sparql import check_query, get_query, run_checked
    from policygraph.sparql.check import packaged_query
    from policygraph.sparql.formats import FORMATS, render
    from policygraph.sparql.named import complete_params
    from policygraph.sparql.params import bind_all, split_assignment

    if fmt not in FORMATS:
        raise QueryError(f"unknown --format {fmt!r}", hint="formats: " + ", ".join(FORMATS))
    given = dict(split_assignment(item) for item in param or [])
    kinds: dict[str, str] = {}
    if name is not None:
        if sparql is not None or file is not None:
            raise QueryError("give either --name or a query, not both")
        named = get_query(name, project_or_none(project))
        given_all = complete_params(named, given)
        text, origin, kinds = named.text, named.origin, named.kinds()
    else:
        text, origin = _read_text(sparql, file)
        given_all = dict(given)
    if origin == "packaged":
        checked = packaged_query(text)
    else:
        checked = check_query(text, allow_network=allow_network, origin=origin)
    store = store_of(project, graph, endpoint)
    try:
        result = run_checked(store, checked, bind_all(given_all, kinds, store), timeout)
        names = None
        if labels and fmt in ("table", "markdown"):
            from rdflib import URIRef

            iris = {v for row in result.rows for v in row.values() if isinstance(v, URIRef)}
            names = display_labels(store, iris, lang)
        typer.echo(render(result, fmt, names), nl=False)
    finally:
        store.close()


@queries_app.callback()
@reported
def queries_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """List the named queries: packaged ones and the project's queries/*.rq."""
    if ctx.invoked_subcommand is not None:
        return
    from policygraph.sparql import load_queries

    found = load_queries(project_or_none(project))
    size = max((len(n) for n in found), default=0)
    for key, named in found.items():
        where = "" if named.origin == "packaged" else f"  [{named.origin}]"
        typer.echo(f"{key:<{size}}  {named.title}{where}")


@queries_app.command("show")
@reported
def queries_show(
    name: Annotated[str, typer.Argument(help="The named query to print.")],
    project: ProjectOpt = None,
) -> None:
    """Print a named query: its header (title, parameters) and its SPARQL."""
    from policygraph.sparql import get_query

    typer.echo(get_query(name, project_or_none(project)).text, nl=False)


@app.command()
@reported
def show(
    entity: Annotated[str, typer.Argument(help="IRI, prefixed name, slug or any name.")],
    lang: LangOpt = "en",
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Show an entity's card: names, types, relations, posts, signals, sources and quotes."""
    from policygraph.card import render_json, render_text
    from policygraph.card import show as card_of

    if fmt not in ("text", "json"):
        raise QueryError(f"unknown --format {fmt!r}", hint="formats: text, json")
    store = store_of(project, graph, endpoint)
    try:
        card = card_of(store, entity, lang)
    finally:
        store.close()
    typer.echo(render_text(card) if fmt == "text" else render_json(card), nl=False)


@app.command()
@reported
def search(
    text: Annotated[str, typer.Argument(help="A name or part of one, in any language.")],
    type_: Annotated[
        str | None, typer.Option("--type", help="Only entities of this class (or a subclass).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most N matches.")] = 20,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Find entities by any of their labels: exact matches, then prefixes, then substrings."""
    from policygraph.names import short_name
    from policygraph.search import search as find

    store = store_of(project, graph, endpoint)
    try:
        hits = find(store, text, type_, limit)
    finally:
        store.close()
    if not hits:
        raise NotFoundError(f"nothing matches {text!r}")
    for hit in hits:
        kinds = ", ".join(hit.types) or "-"
        typer.echo(f"{hit.rank:<9}  {hit.label}  @{hit.lang}  {kinds}  {short_name(hit.iri)}")
