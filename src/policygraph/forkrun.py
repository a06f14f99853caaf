"""Run one function on several inputs at once, in forked processes (CPU-bound pure Python).

pySHACL is pure Python and holds the GIL, so threads cannot share its work; a forked child can,
and starts with the parent's memory as it is (no pickling of graphs, no re-import). The parent
works on the first input itself; each other input runs in a child whose result comes back
pickled through a pipe. A child that fails or dies costs only time: its input is then run in
the parent, so the answer is the same as a run in one process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


#: The environment variable that caps the processes (``1``: everything in this process).
PROCESSES_ENV = "POLICYGRAPH_PROCESSES"


def usable_cores() -> int:
    """Cores this process may run on, at most ``$POLICYGRAPH_PROCESSES``; 1 where forking is not
    available, or not safe: when other threads run (a notebook's kernel, a server), a lock one
    of them holds at the fork would stay held in the child for ever."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    cap = os.environ.get(PROCESSES_ENV, "").strip()
    return max(1, min(cores, int(cap))) if cap.isdigit() else cores


def spare_cores() -> int:
    """``usable_cores`` less this process and the children it forked that still run."""
    return usable_cores() - 1 - len(multiprocessing.active_children())


def _child(function: Callable[[T], R], item: T, pipe: Connection) -> None:
    try:
        pipe.send(function(item))
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which runs it again
        pipe.send(err if isinstance(err, Exception) else RuntimeError(repr(err)))
    finally:
        pipe.close()


def map_forked(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(item) for item in items]``, the items after the first each in a forked
    child while this process runs the first. ``function``'s result must pickle."""
    if len(items) < 2 or usable_cores() < 2:  # one core, or other threads: all here
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    children = []
    for item in items[1:]:
        receiver, sender = context.Pipe(duplex=False)
        # not a daemon: a child may fork in turn (SHACL's parts beside build's rendering)
        process = context.Process(target=_child, args=(function, item, sender))
        process.start()
        sender.close()
        children.append((item, process, receiver))
    try:
        results = [function(items[0])]
        for item, process, receiver in children:
            try:
                answer = receiver.recv()
            except (EOFError, OSError):
                answer = RuntimeError(f"child {process.pid} ended without an answer")
            if isinstance(answer, Exception):
                log.info("a forked run failed (%s); running it here", answer)
                answer = function(item)
            results.append(answer)
        return results
    finally:  # also when this process's own run raised: no child is left behind
        for _, process, receiver in children:
            receiver.close()
            if process.is_alive():
                process.terminate()
            process.join()
