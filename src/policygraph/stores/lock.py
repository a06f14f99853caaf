"""One writer at a time: an exclusive ``flock`` on a lock file that holds the writer's pid."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from policygraph.errors import StoreError

POLL_SECONDS = 0.05


class WriteLock:
    """An exclusive, process-wide lock on a store; released on ``release`` or process death."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait`` seconds; raise ``StoreError`` naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_pid(fd)
                    os.close(fd)
                    who = f" (pid {holder})" if holder else ""
                    raise StoreError(
                        f"the store is in use by another policygraph process{who}",
                        hint=f"wait for it to finish; the lock is {self.path}",
                    ) from None
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _read_pid(fd: int) -> int:
    text = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return int(text) if text.isdigit() else 0


#: What ``try_shared`` gives for a store nobody can write (read-only files or file system): no
#: writer can collect a version there, so no lock is needed to read it.
NO_LOCK = -1


def try_shared(path: Path) -> int | None:
    """A shared lock on ``path`` (created) as an open fd; ``None`` if held exclusively;
    ``NO_LOCK`` where the lock file can be neither created nor opened (a read-only store)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return NO_LOCK
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def try_exclusive(path: Path) -> int | None:
    """An exclusive lock on ``path`` as an open fd, or ``None`` if it is held."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def unlock(fd: int) -> None:
    if fd == NO_LOCK:
        return
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
