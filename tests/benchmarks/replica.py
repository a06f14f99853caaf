"""A tracker of real sources: a project's data/ copied N times, for the build benchmarks.

The synthetic tracker (``tracker.py``) is policygraph's own shape of data; this one is the shape
curators wrote (this repository's sources, English and Chinese, their real records). Copy 0 is
the project as it is; in copy k each source and every entity its records declare get the suffix
``-rKK`` (in every copy's records, so that restatements stay within a copy), the reference and
concept records are shared by all copies, and each copied text gains a line of its own (a text
archived twice is refused). ``python -m tests.benchmarks.replica 26 DIR`` writes ~1,000 sources.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

REPOSITORY_DATA = Path(__file__).resolve().parents[2] / "data"
_ID = re.compile(r"^\s*(?:-\s+)?id:\s*([\w.-]+)", re.MULTILINE)


def replicate(root: Path, copies: int, data: Path = REPOSITORY_DATA) -> Path:
    """``root``/data holding ``copies`` copies of ``data`` (see the module's docstring)."""
    sources_out, records_out = root / "data" / "sources", root / "data" / "records"
    sources_out.mkdir(parents=True)
    records_out.mkdir(parents=True)
    sources = sorted(p.stem for p in (data / "sources").glob("*.yaml"))
    own: set[str] = set(sources)
    shared: set[str] = set()
    for path in sorted((data / "records").glob("*.yaml")):
        ids = set(_ID.findall(path.read_text(encoding="utf-8")))
        if path.stem in sources:
            own |= ids
        else:
            shared |= ids
            shutil.copy(path, records_out / path.name)
    own -= shared
    names = "|".join(sorted(map(re.escape, own), key=len, reverse=True))
    declared = re.compile(rf"(?<![\w.-])({names})(?![\w-])")
    for source in sources:
        meta = (data / "sources" / f"{source}.yaml").read_text(encoding="utf-8")
        text = (data / "sources" / f"{source}.txt").read_text(encoding="utf-8")
        record_path = data / "records" / f"{source}.yaml"
        records = record_path.read_text(encoding="utf-8") if record_path.exists() else None
        for copy in range(copies):
            suffix = f"-r{copy:02d}" if copy else ""
            new = source + suffix
            rename = f"\\g<1>{suffix}"
            copied = declared.sub(rename, meta)
            if copy:
                copied = re.sub(r"(?m)^url: .*$", f"url: https://example.org/copy/{new}", copied)
            (sources_out / f"{new}.yaml").write_text(copied, encoding="utf-8")
            line = f"\n(copy {copy})\n" if copy else ""
            (sources_out / f"{new}.txt").write_text(text + line, encoding="utf-8")
            if records is not None:
                body = declared.sub(rename, records)
                (records_out / f"{new}.yaml").write_text(body, encoding="utf-8")
    return root


if __name__ == "__main__":
    replicate(Path(sys.argv[2]), int(sys.argv[1]))
