"""``build``, ``validate`` and ``init``: the project's own life cycle."""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

from pathlib import Path
from typing import Annotated

import typer

from policygraph.cli.app import app, reported
from policygraph.cli.common import ProjectOpt, project_of
from policygraph.errors import shown


@app.command()
@reported
def build(project: ProjectOpt = None) -> None:
    """Validate the records, then write graph/ (TriG, Turtle, JSON-LD, HTML views)."""
    from policygraph.api import build as build_project

    result = build_project(project_of(project))
    for line in result.records.warnings:
        typer.echo(line, err=True)
    summary = result.summary
    typer.echo(
        f"built {summary.triples} triples in {summary.graphs} graphs "
        f"from {summary.sources} source(s)"
    )
    typer.echo(f"signals: {summary.signals}")
    for cls, count in summary.entities.items():
        typer.echo(f"  {cls:<32} {count}")
    for path in result.written:
        typer.echo(f"wrote {shown(path)}")


@app.command()
@reported
def validate(project: ProjectOpt = None) -> None:
    """Check records (ids, references, quotes) and the SHACL shapes; exit 1 if not conforming."""
    from policygraph.api import validate as validate_project

    report = validate_project(project_of(project))
    for line in report.problems:
        typer.echo(line)
    warned = f", {_count(report.warnings, 'warning')}" if report.warnings else ""
    if report.conforms:
        typer.echo(f"ok: {report.checked} records conform{warned}", err=True)
        return
    typer.echo(f"{_count(report.errors, 'problem')}{warned}: the data does not conform", err=True)
    raise typer.Exit(1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@app.command()
@reported
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new project (created).")],
) -> None:
    """Create a new, empty tracker project that builds and validates."""
    from policygraph.api import init as create_project

    created = create_project(directory)
    for path in created:
        typer.echo(f"created {path}")
    typer.echo(f"next: cd {directory} && policygraph build")
