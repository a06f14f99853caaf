"""Write files whole or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from policygraph.errors import OutputError


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _cannot_write(path: Path, err: OSError) -> OutputError:
    reason = err.strerror or str(err)
    return OutputError(
        f"cannot write {path}: {reason}",
        hint="nothing was changed there; check the folder exists, is writable and has room",
    )


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content``; on failure the old file is left untouched.

    An ``OSError`` (read-only folder, full disk, a folder in the way) becomes ``OutputError``.
    """
    try:
        _write_one(path, content)
    except OSError as err:
        raise _cannot_write(path, err) from err


def _write_one(path: Path, content: str | bytes) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all_atomic(files: Mapping[Path, str | bytes]) -> None:
    """Write several files; none is replaced unless all were written to temporary files first.

    An ``OSError`` becomes ``OutputError``, naming the file that could not be written.
    """
    staged: list[tuple[str, Path]] = []
    current = Path()
    try:
        for current, content in files.items():
            if current.is_dir():
                raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file")
            current.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, tmp = tempfile.mkstemp(
                prefix=f".{current.name}.", suffix=".tmp", dir=current.parent
            )
            staged.append((tmp, current))
            os.fchmod(fd, _file_mode())
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, current in staged:
            os.replace(tmp, current)
    except OSError as err:
        raise _cannot_write(current, err) from err
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
