"""``load``, ``push``, ``serve`` and ``store check|dump|restore``: the stores' life cycle."""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policygraph.cli.app import app, reported
from policygraph.cli.common import ProjectOpt, either, endpoint_auth, project_of
from policygraph.errors import shown
from policygraph.textsafe import safe_text


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
    named_graph: Annotated[
        str | None,
        typer.Option("--named-graph", help="Put the triples in this named graph (IRI)."),
    ] = None,
    graph: Annotated[
        str | None, typer.Option("--graph", hidden=True, help="Deprecated: --named-graph.")
    ] = None,
    project: ProjectOpt = None,
    store: StoreDirOpt = None,
) -> None:
    """Load RDF files into the store in one transaction: all of them or, on error, none."""
    from policygraph.api import load as load_files

    def progress(triples: int, seconds: float) -> None:
        rate = triples / seconds if seconds else 0.0
        typer.echo(f"\r  {triples:>12,} triples  {rate:>10,.0f} triples/s", err=True, nl=False)

    graph = either(named_graph, graph, "--graph IRI", "--named-graph IRI")
    summary = load_files(_store_root(project, store), files, graph=graph, progress=progress)
    if summary.triples >= 100_000:
        typer.echo("", err=True)
    for item in summary.files:
        where = f"into <{item.graph}>" if item.graph else "(graphs named in the file)"
        typer.echo(safe_text(f"{item.path}: {item.triples} triples {where}"))
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
            help="update: SPARQL 1.1 Update, one request, all or nothing; gsp: Graph Store "
            "Protocol (PUT/POST ?graph=IRI, N-Triples), one request per graph.",
        ),
    ] = Protocol.update,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Replace each pushed graph and the default graph (others stay)."
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            help="Seconds each request may take, connect to last byte (one update request "
            "carries the whole push: about 20 s per 100,000 triples replaced on Oxigraph).",
        ),
    ] = 300.0,
    project: ProjectOpt = None,
) -> None:
    """Upload the built dataset to a SPARQL 1.1 server: its named graphs, and their union as
    the default graph. Credentials: user:pass@ in the URL, NETRC or ~/.netrc, or a bearer
    token in POLICYGRAPH_ENDPOINT_TOKEN."""
    from policygraph.api import push as run
    from policygraph.textsafe import redact

    auth = endpoint_auth()
    pushed, target = run(
        project_of(project),
        endpoint,
        protocol=protocol.value,
        update_endpoint=update_endpoint,
        gsp_endpoint=gsp_endpoint,
        replace=replace,
        timeout=timeout,
        auth=auth,
    )
    shown = safe_text(redact(auth.for_url(target)[0]))
    typer.echo(
        f"pushed {pushed.triples} triples in {len(pushed.graphs)} graphs to {shown} "
        f"(default graph: their union, {pushed.default} triples)"
    )


@app.command()
@reported
def serve(
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
    host: Annotated[
        str, typer.Option("--host", help="Interface (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.")
    ] = 60.0,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests for this host name (Host header; repeatable).",
        ),
    ] = None,
    project: ProjectOpt = None,
) -> None:
    """Serve the project's store read-only over SPARQL, with a query page, until Ctrl-C.

    Queries run at most --timeout seconds, and a query larger than 100 KB or built too deep
    (over 1,000 operators or 100 nested brackets) is refused before it reaches the engine.
    Only requests for localhost, 127.0.0.1, [::1], --host and --allow-host names are answered.
    """
    import signal

    from policygraph.api import serve as run_server
    from policygraph.serving.guard import is_loopback
    from policygraph.stores.http import check_timeout

    check_timeout(timeout)
    if not is_loopback(host):
        typer.echo(
            f"WARNING: serving on {safe_text(host)}, not only on this machine: anyone who can "
            "reach this address can read the whole store.",
            err=True,
        )

    def ready(url: str) -> None:
        typer.echo(f"SPARQL endpoint {url}query (query page: {url}); Ctrl-C stops", err=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        run_server(
            project_of(project),
            host,
            port,
            timeout=timeout,
            allow_hosts=allow_host or (),
            on_ready=ready,
        )
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)


@store_app.command("check")
@reported
def check(project: ProjectOpt = None, store: StoreDirOpt = None) -> None:
    """Open the store, count quads per graph, compare the built graphs with the TriG."""
    from policygraph.api import store_check as check_store

    trig = project_of(project).trig_path if store is None else None
    report = check_store(_store_root(project, store), trig)
    for name, count in report.graphs.items():
        typer.echo(safe_text(f"{count:>10}  {name or '(default graph)'}"))
    for problem in report.problems:
        typer.echo(safe_text(f"problem: {problem}"), err=True)
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
    from policygraph.api import store_dump as dump_lines
    from policygraph.atomic import write_atomic

    lines = dump_lines(_store_root(project, store))
    if output is None:
        for line in lines:
            sys.stdout.write(line)
        return
    write_atomic(output, "".join(lines))
    typer.echo(safe_text(f"wrote {shown(output)}"), err=True)


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
    typer.echo(safe_text(f"restored {count} quads from {dump_file}"))
