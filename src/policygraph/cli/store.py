"""``load``, ``push``, ``serve`` and ``store check|dump|restore``: the stores' life cycle."""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policygraph.cli.app import app, reported
from policygraph.cli.common import ProjectOpt, project_of


class Protocol(StrEnum):
    """How ``push`` uploads: SPARQL 1.1 Update or the Graph Store Protocol."""

    update = "update"
    gsp = "gsp"


store_app = typer.Typer(help="Verify, back up and rebuild the project's embedded store.")
app.add_typer(store_app, name="store")

StoreDirOpt = Annotated[
    Path | None,
    typer.Option("--store", help="Store folder (default: <project>/.policygraph/store)."),
]


def _store_root(project: Path | None, store: Path | None) -> Path:
    return store if store is not None else project_of(project).store_dir


@app.command()
@reported
def load(
    files: Annotated[
        list[Path], typer.Argument(help="RDF files: .ttl .nt .nq .trig .rdf .jsonld, .gz")
    ],
    graph: Annotated[
        str | None, typer.Option("--graph", help="Put the triples in this named graph (IRI).")
    ] = None,
    project: ProjectOpt = None,
    store: StoreDirOpt = None,
) -> None:
    """Load RDF files into the store in one transaction: all of them or, on error, none."""
    from policygraph.api import load as load_files

    def progress(triples: int, seconds: float) -> None:
        rate = triples / seconds if seconds else 0.0
        typer.echo(f"\r  {triples:>12,} triples  {rate:>10,.0f} triples/s", err=True, nl=False)

    summary = load_files(_store_root(project, store), files, graph=graph, progress=progress)
    if summary.triples >= 100_000:
        typer.echo("", err=True)
    for item in summary.files:
        where = f"into <{item.graph}>" if item.graph else "(graphs named in the file)"
        typer.echo(f"{item.path}: {item.triples} triples {where}")
    typer.echo(
        f"loaded {summary.triples} triples from {len(summary.files)} file(s) in "
        f"{summary.seconds:.2f} s ({summary.rate:,.0f} triples/s)"
    )


@app.command()
@reported
def push(
    endpoint: Annotated[str, typer.Option("--endpoint", help="The server's SPARQL query URL.")],
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            "--update-endpoint", help="SPARQL Update URL (default: guessed from --endpoint)."
        ),
    ] = None,
    gsp_endpoint: Annotated[
        str | None,
        typer.Option(
            "--gsp-endpoint",
            help="Graph Store Protocol URL (default: guessed from --endpoint).",
        ),
    ] = None,
    protocol: Annotated[
        Protocol,
        typer.Option(
            "--protocol",
            help="update: SPARQL 1.1 Update (INSERT DATA); gsp: Graph Store Protocol "
            "(PUT/POST ?graph=IRI, N-Triples).",
        ),
    ] = Protocol.update,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace each pushed graph (others stay).")
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Upload the built dataset to a SPARQL 1.1 server, one named graph at a time."""
    from policygraph.api import push as run
    from policygraph.stores.push import push_target

    counts = run(
        project_of(project),
        endpoint,
        protocol=protocol.value,
        update_endpoint=update_endpoint,
        gsp_endpoint=gsp_endpoint,
        replace=replace,
    )
    target = push_target(endpoint, protocol.value, gsp_endpoint)
    typer.echo(f"pushed {sum(counts.values())} triples in {len(counts)} graphs to {target}")


@app.command()
@reported
def serve(
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
    host: Annotated[
        str, typer.Option("--host", help="Interface (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    project: ProjectOpt = None,
) -> None:
    """Serve the project's store read-only over SPARQL, with a query page, until Ctrl-C."""
    from policygraph.api import serve as plan_serve

    plan = plan_serve(project_of(project), host, port)
    typer.echo(f"SPARQL endpoint {plan.url}query (query page: {plan.url}); Ctrl-C stops", err=True)
    os.set_inheritable(plan.lock_fd, True)
    sys.stderr.flush()
    os.execv(plan.command[0], plan.command)  # noqa: S606  (the server keeps our pid and lock)


@store_app.command("check")
@reported
def check(project: ProjectOpt = None, store: StoreDirOpt = None) -> None:
    """Open the store, count quads per graph, compare the built graphs with the TriG."""
    from policygraph.api import store_check as check_store

    trig = project_of(project).trig_path if store is None else None
    report = check_store(_store_root(project, store), trig)
    for name, count in report.graphs.items():
        typer.echo(f"{count:>10}  {name or '(default graph)'}")
    for problem in report.problems:
        typer.echo(f"problem: {problem}", err=True)
    if not report.ok:
        raise typer.Exit(1)
    typer.echo(f"ok: {sum(report.graphs.values())} quads in {report.version}", err=True)


@store_app.command("dump")
@reported
def dump(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="N-Quads file (default: stdout).")
    ] = None,
    project: ProjectOpt = None,
    store: StoreDirOpt = None,
) -> None:
    """Write every quad, sorted, as N-Quads: a backup that any Oxigraph version can restore."""
    from policygraph.atomic import write_atomic
    from policygraph.api import store_dump as dump_lines

    lines = dump_lines(_store_root(project, store))
    if output is None:
        for line in lines:
            sys.stdout.write(line)
        return
    write_atomic(output, "".join(lines))
    typer.echo(f"wrote {output}", err=True)


@store_app.command("restore")
@reported
def restore(
    dump_file: Annotated[Path, typer.Argument(help="A dump (.nq) or TriG file.")],
    project: ProjectOpt = None,
    store: StoreDirOpt = None,
) -> None:
    """Rebuild the store from a dump, in one transaction."""
    from policygraph.api import store_restore as restore_store

    count = restore_store(_store_root(project, store), dump_file)
    typer.echo(f"restored {count} quads from {dump_file}")
