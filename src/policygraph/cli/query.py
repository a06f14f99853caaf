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
    InputOpt,
    LangOpt,
    ProjectOpt,
    chosen_input,
    echo_data,
    project_of,
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
        float | None,
        typer.Option(
            "--timeout", help="Stop the query after SECONDS (with --endpoint: the whole request)."
        ),
    ] = None,
    allow_network: Annotated[
        bool, typer.Option("--allow-network", help="Allow SERVICE clauses to call other servers.")
    ] = False,
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Run a read-only SPARQL query; every project prefix is predeclared."""
    from policygraph.api import query as run
    from policygraph.sparql import NamedQuery, get_query
    from policygraph.sparql.formats import FORMATS, render
    from policygraph.sparql.params import split_assignment

    if fmt not in FORMATS:
        raise QueryError(f"unknown --format {fmt!r}", hint="formats: " + ", ".join(FORMATS))
    given = dict(split_assignment(item) for item in param or [])
    if name is not None:
        if sparql is not None or file is not None:
            raise QueryError("give either --name or a query, not both")
        asked: str | NamedQuery = get_query(name, project_or_none(project))
        origin = "query"
    else:
        asked, origin = _read_text(sparql, file)
    with store_of(project, chosen_input(input_file, graph), endpoint, timeout) as store:
        result = run(
            store, asked, given, timeout=timeout, allow_network=allow_network, origin=origin
        )
        names = None
        if labels and fmt in ("table", "markdown"):
            from rdflib import URIRef

            from policygraph.names import display_labels

            iris = {v for row in result.rows for v in row.values() if isinstance(v, URIRef)}
            names = display_labels(store, iris, lang)
    echo_data(render(result, fmt, names), human=fmt in ("table", "markdown"), nl=False)


@queries_app.callback()
@reported
def queries_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """List the named queries: packaged ones and the project's queries/*.rq."""
    if ctx.invoked_subcommand is not None:
        return
    from policygraph.api import queries as load_queries

    found = load_queries(project_or_none(project))
    size = max((len(n) for n in found), default=0)
    for key, named in found.items():
        where = "" if named.origin == "packaged" else f"  [{named.origin}]"
        echo_data(f"{key:<{size}}  {named.title}{where}")


@queries_app.command("show")
@reported
def queries_show(
    name: Annotated[str, typer.Argument(help="The named query to print.")],
    project: ProjectOpt = None,
) -> None:
    """Print a named query: its header (title, parameters) and its SPARQL."""
    from policygraph.api import queries_show as get_query

    echo_data(get_query(name, project_or_none(project)).text, nl=False)


@app.command()
@reported
def show(
    entity: Annotated[str, typer.Argument(help="IRI, prefixed name, slug or any name.")],
    lang: LangOpt = "en",
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Show an entity's card: names, types, relations, posts, signals, sources and quotes."""
    from policygraph.api import show as card_of
    from policygraph.cardtext import render_json, render_text

    if fmt not in ("text", "json"):
        raise QueryError(f"unknown --format {fmt!r}", hint="formats: text, json")
    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        card = card_of(store, entity, lang)
    if fmt == "text":
        echo_data(render_text(card), nl=False)
    else:
        echo_data(render_json(card), human=False, nl=False)


@app.command()
@reported
def search(
    name: Annotated[
        str | None, typer.Argument(help="A name or part of one, in any language.")
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            help='Search quotes and archived texts instead: words, "a phrase", 国资 (no spaces).',
        ),
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only entities of this class (or a subclass).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most N matches.")] = 20,
    fmt: Annotated[str, typer.Option("--format", help="text or json (with --text).")] = "text",
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Find entities by any of their labels (exact, prefix, substring), or text with --text."""
    if text is not None:
        if name is not None or type_ is not None or graph is not None or endpoint is not None:
            raise QueryError("--text searches the project's texts: give no NAME, --type or store")
        _search_text(text, limit, fmt, project)
        return
    if name is None:
        raise QueryError("nothing to search for", hint="give a NAME, or --text QUERY")
    if fmt != "text":
        raise QueryError("--format applies to --text searches only")
    from policygraph.api import search as find
    from policygraph.iris import short_name

    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        hits = find(store, name, type_, limit)
    if not hits:
        raise NotFoundError(f"nothing matches {name!r}")
    for hit in hits:
        kinds = ", ".join(hit.types) or "-"
        echo_data(f"{hit.rank:<9}  {hit.label}  @{hit.lang}  {kinds}  {short_name(hit.iri)}")


def _search_text(text: str, limit: int, fmt: str, project: Path | None) -> None:
    from policygraph.fulltext import search_text
    from policygraph.fulltext.render import render_hits_json, render_hits_text

    if fmt not in ("text", "json"):
        raise QueryError(f"unknown --format {fmt!r}", hint="formats: text, json")
    hits = search_text(project_of(project), text, limit=limit)
    if not hits and fmt == "text":
        raise NotFoundError(f"no quote or archived text matches {text!r}")
    if fmt == "text":
        echo_data(render_hits_text(hits), nl=False)
    else:
        echo_data(render_hits_json(text, hits), human=False, nl=False)
