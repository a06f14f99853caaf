"""Cache files of JSON that check themselves: a header line holding the format and a SHA-256 of
the rest, then the JSON. A file that is missing, damaged or of another format reads as ``None``
(its cache is then rebuilt), at the cost of one hash; a write goes to a temporary file that is
renamed, and a folder that cannot be written is logged, not raised (a read-only project still
builds, without its cache). Caches are derived data: nothing is fsynced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def _check(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def read_checked(path: Path, file_format: str) -> object | None:
    """The JSON value ``write_checked`` wrote to ``path`` in ``file_format``, or ``None``."""
    try:
        header, _, body = path.read_bytes().partition(b"\n")
        meta = json.loads(header)
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("format") != file_format:
        return None
    if meta.get("check") != _check(body):
        log.warning("ignoring a damaged cache file: %s", path)
        return None
    try:
        value: object = json.loads(body)
    except ValueError:
        return None
    return value


def write_checked(path: Path, file_format: str, value: object) -> bool:
    """Write ``value`` as JSON to ``path`` (folders made); ``False`` when it could not be."""
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    header = json.dumps({"format": file_format, "check": _check(body)}).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        log.warning("cannot write the cache file %s: %s", path, err)
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + b"\n" + body)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True
