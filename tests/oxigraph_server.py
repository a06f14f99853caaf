"""A real Oxigraph SPARQL server for tests: started on 127.0.0.1 on a free port, always stopped."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from policygraph.server import oxigraph_binary


def built_quads(sasac_root: Path) -> int:
    """How many quads the committed build has (it changes as the records do)."""
    import pyoxigraph as ox

    trig = sasac_root / "graph" / "policygraph.trig"
    return len(set(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()  # noqa: S310
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def oxigraph_server(location: Path, *, union_default_graph: bool = False) -> Iterator[str]:
    """Serve an Oxigraph store at ``location``; yield its query URL.

    ``union_default_graph=False`` for a server fed by ``push``, which materialises the default
    graph (with the union option as well, every pushed triple would be seen twice).
    """
    union = ["--union-default-graph"] if union_default_graph else []
    for _ in range(5):  # a free port can be taken between the probe and the bind: try another
        port = free_port()
        proc = subprocess.Popen(  # noqa: S603
            [
                str(oxigraph_binary()),
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
                *union,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", proc)
        except RuntimeError:
            proc.kill()
            proc.wait(timeout=10)
            continue
        break
    else:
        raise RuntimeError("oxigraph could not start on a free port")
    try:
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
