"""Tracking and analytics commands: stats, rank, path, timeline, support, diff."""

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
    project_or_none,
    store_of,
)
from policygraph.errors import shown

MinSupportOpt = Annotated[
    int,
    typer.Option("--min-support", min=0, help="Keep claims stated by at least K sources."),
]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")]


class StatsFormat(StrEnum):
    table = "table"
    json = "json"


class Measure(StrEnum):
    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"


class TimelineFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    html = "html"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    patch = "patch"


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    from policygraph.atomic import write_atomic

    write_atomic(output, text)
    typer.echo(f"wrote {shown(output)}", err=True)


@app.command()
@reported
def stats(
    project: ProjectOpt = None,
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    fmt: Annotated[StatsFormat, typer.Option("--format")] = StatsFormat.table,
    lang: LangOpt = "en",
) -> None:
    """Counts by class, graph and predicate; signals per issuer, topic, sector; graph shape."""
    from policygraph.analytics.render import render_stats, to_json
    from policygraph.api import stats as compute

    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        result = compute(store, lang=lang)
    typer.echo(
        to_json(result.as_json()) if fmt == StatsFormat.json else render_stats(result), nl=False
    )


@app.command()
@reported
def rank(
    project: ProjectOpt = None,
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    by: Annotated[Measure, typer.Option("--by", help="Centrality measure.")] = Measure.degree,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only this class (foaf:Person, Person).")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1)] = 10,
    lang: LangOpt = "en",
    min_support: MinSupportOpt = 0,
) -> None:
    """The most central entities of the entity graph."""
    from policygraph.analytics.render import render_rank
    from policygraph.api import rank as compute

    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        rows = compute(store, by=by.value, type_=type_, top=top, lang=lang, min_support=min_support)
    typer.echo(render_rank(rows, by.value), nl=False)


@app.command()
@reported
def path(
    a: Annotated[str, typer.Argument(help="An entity: name in any language, slug or IRI.")],
    b: Annotated[str, typer.Argument(help="Another entity.")],
    project: ProjectOpt = None,
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    max_length: Annotated[int, typer.Option("--max-length", min=1)] = 6,
    all_paths: Annotated[
        bool, typer.Option("--all", help="Every simple path, not only the shortest.")
    ] = False,
    lang: LangOpt = "en",
    min_support: MinSupportOpt = 0,
) -> None:
    """How two entities connect, step by step (exit 4 when they do not)."""
    from policygraph.api import path as compute

    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        found = compute(
            store, a, b, max_length=max_length, all_paths=all_paths, lang=lang,
            min_support=min_support,
        )  # fmt: skip
    for connection in found:
        typer.echo(str(connection))


@app.command()
@reported
def timeline(
    project: ProjectOpt = None,
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    topic: Annotated[
        str | None, typer.Option("--topic", help="A topic (narrower ones too).")
    ] = None,
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer", help="An issuer (its units too) or the person a signal is attributed to."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[TimelineFormat, typer.Option("--format")] = TimelineFormat.table,
    output: OutOpt = None,
    lang: LangOpt = "en",
    min_support: MinSupportOpt = 0,
) -> None:
    """Signals in date order, with issuer, nature, stance, sectors, support and dates seen."""
    from policygraph.analytics.render import render_timeline
    from policygraph.analytics.timeline import TimelineFilters
    from policygraph.api import timeline as compute

    filters = TimelineFilters(
        topic=topic, issuer=issuer, since=since, until=until, min_support=min_support
    )
    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        if fmt == TimelineFormat.html:
            from policygraph.analytics.timeline_html import render_timeline_html, text_base

            found = project_or_none(project)  # archived texts are linked relative to its root
            base = text_base(found.root, output or Path("timeline.html")) if found else ""
            text = render_timeline_html(store, lang=lang, base=base, **filters)
        else:
            text = render_timeline(compute(store, lang=lang, **filters), fmt.value)
    _emit(text, output)


@app.command()
@reported
def support(
    entity: Annotated[
        str | None, typer.Argument(help="Only the claims about this entity (any name).")
    ] = None,
    project: ProjectOpt = None,
    input_file: InputOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    facts: Annotated[
        bool, typer.Option("--facts", help="Every fact (triple), not only the nodes.")
    ] = False,
    plumbing: Annotated[
        bool,
        typer.Option("--all", help="With --facts: also labels, confidences and evidence nodes."),
    ] = False,
    fmt: Annotated[StatsFormat, typer.Option("--format")] = StatsFormat.table,
    lang: LangOpt = "en",
    min_support: MinSupportOpt = 0,
) -> None:
    """How many independent sources state each claim, who they are, and the quote each gives."""
    from policygraph.analytics.render import render_claims
    from policygraph.api import support as claims

    with store_of(project, chosen_input(input_file, graph), endpoint) as store:
        rows = claims(
            store, entity, facts=facts, plumbing=plumbing, min_support=min_support, lang=lang
        )
    _emit(render_claims(rows, fmt.value), None)


@app.command()
@reported
def diff(
    old: Annotated[str, typer.Argument(help="Old build: an RDF file, a git revision or REV:path.")],
    new: Annotated[str, typer.Argument(help="New build: an RDF file, a git revision or REV:path.")],
    project: ProjectOpt = None,
    fmt: Annotated[DiffFormat, typer.Option("--format")] = DiffFormat.text,
    stat: Annotated[
        bool, typer.Option("--stat", help="Only the summary, not every fact that changed.")
    ] = False,
) -> None:
    """What changed between two builds, fact by fact with labels; exit 0 when equal, 1 when
    they differ."""
    from policygraph.analytics.render import diff_json, render_diff, render_patch, to_json
    from policygraph.api import diff as diff_builds

    repo = project.resolve() if project is not None else None
    if repo is None and (found := project_or_none(None)) is not None:
        repo = found.root  # with no project, git reads revisions in the working directory
    result = diff_builds(old, new, repo)
    if fmt == DiffFormat.json:
        typer.echo(to_json(diff_json(result)), nl=False)
    elif fmt == DiffFormat.patch:
        typer.echo(render_patch(result), nl=False)
    else:
        typer.echo(render_diff(result, stat=stat), nl=False)
    if not result.equal:
        raise typer.Exit(1)
