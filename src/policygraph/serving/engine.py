"""Oxigraph's read-only server on a private loopback port, started and restarted by one thread.

The engine runs with ``--timeout-s``, but that does not stop every evaluation (a cartesian
``COUNT(*)`` runs on), and closing the connection does not either: so when the front drops a
query (time limit, client gone), the engine is restarted as soon as no other query is running.
If the engine dies, the supervising thread starts it again on a new port; requests wait for it.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from policygraph.errors import StoreError

log = logging.getLogger(__name__)
START_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _parent_death_signal() -> Callable[[], None] | None:
    """On Linux, a pre-exec hook that stops the engine when the thread that started it ends
    (even on ``kill -9`` of ``serve``). Everything it needs is loaded here, before any fork."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl

    def hook() -> None:  # pragma: no cover - runs in the child, before exec
        prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return hook


class Engine:
    """The engine process; ``port()`` waits until it answers."""

    def __init__(self, command: Callable[[int], list[str]], keep_fds: tuple[int, ...]) -> None:
        self._command = command
        self._keep_fds = keep_fds
        self._ready = threading.Event()
        self._stopping = threading.Event()
        self._port = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._failure = ""
        self._lock = threading.Lock()
        self._running = 0
        self._dirty = False
        self._recycling = False
        self.restarts = 0
        self._hook = _parent_death_signal()
        self._thread = threading.Thread(target=self._supervise, name="engine", daemon=True)

    def start(self) -> None:
        """Start the engine and wait for it; a ``StoreError`` if it does not come up."""
        self._thread.start()
        self.port(START_SECONDS)

    def port(self, wait: float) -> int:
        if not self._ready.wait(wait):
            raise StoreError(f"the SPARQL engine did not start: {self._failure or 'no answer'}")
        return self._port

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def begin(self) -> None:
        """A query goes to the engine."""
        with self._lock:
            self._running += 1

    def end(self, dropped: bool) -> None:
        """A query is over; ``dropped``: the engine may still be working on it."""
        with self._lock:
            self._running -= 1
            self._dirty = self._dirty or dropped
            recycle = self._dirty and self._running == 0
            if recycle:
                self._dirty = False
                self._recycling = True
        if recycle and self._proc is not None:
            log.info("restarting the SPARQL engine to stop a dropped query")
            self._ready.clear()
            with contextlib.suppress(OSError):
                self._proc.terminate()

    def stop(self) -> None:
        self._stopping.set()
        self._ready.clear()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()

    def _supervise(self) -> None:
        while not self._stopping.is_set():
            port = free_port()
            self._proc = subprocess.Popen(  # noqa: S603
                self._command(port),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=self._keep_fds,
                preexec_fn=self._hook,
            )
            if self._wait_up(port, self._proc):
                self._port = port
                self._ready.set()
            code = self._proc.wait()
            self._ready.clear()
            if self._stopping.is_set():
                return
            self.restarts += 1
            if self._recycling:
                self._recycling = False
                continue
            self._failure = f"it stopped with exit code {code}"
            log.warning("the SPARQL engine stopped (exit code %s); starting it again", code)
            self._stopping.wait(0.2)

    def _wait_up(self, port: int, proc: subprocess.Popen[bytes]) -> bool:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and proc.poll() is None:
            with socket.socket() as sock:
                sock.settimeout(1.0)
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return True
            time.sleep(0.05)
        if proc.poll() is None:
            proc.terminate()
        return False


def engine_command(binary: Path, location: str, timeout: float) -> Callable[[int], list[str]]:
    """The read-only engine's command line for a port, with its time limit. No
    ``--union-default-graph``: the store's default graph already holds the union, as a set."""

    def command(port: int) -> list[str]:
        return [
            str(binary),
            "serve-read-only",
            "--location",
            location,
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(max(1, round(timeout))),
        ]

    return command
