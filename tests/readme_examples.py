"""The README's quick start, run: each ``$ command`` in its console block, on a copy of the
repository's project, must print what the README shows under it.

    python -m tests.readme_examples            # check (what tests/test_readme_examples.py does)
    python -m tests.readme_examples --write    # run the commands and rewrite the block

A line ``...`` ends what the README shows of a command's output (the rest is left out); on
``--write`` each command keeps as many lines as the README showed before its ``...``, and the
digest of the data/ it was made from is written after the block (``DATA_MARK``): the outputs are
compared only for that data. A project whose data/ has changed since (a user added a source)
must still run every command; what they print is then that project's, not the README's.
Commands run in bash (pipes allowed) in the copy's root, with the installed ``policygraph``
first on ``PATH``; only standard output is compared (``build``'s warnings go to standard error).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
ELIDED = "..."
#: After the quick start's block: the digest of the data/ its outputs were made from.
DATA_MARK = re.compile(r"<!-- quick start made from data/ sha256:([0-9a-f]{64}) -->\n")
#: The quick start's console block: the first one after its heading.
_BLOCK = re.compile(r"(## Quick start\n(?:.*\n)*?```console\n)((?:.*\n)*?)(```\n)")


@dataclass(frozen=True)
class Example:
    command: str
    shown: tuple[str, ...]  # the output lines the README shows, without the ``...``
    elided: bool  # whether the README leaves the rest out


def read_examples(readme: str) -> list[Example]:
    """The commands of the quick start and the output shown under each."""
    found = _BLOCK.search(readme)
    if found is None:
        raise ValueError("README.md has no console block under '## Quick start'")
    examples: list[Example] = []
    command, lines = None, []
    for line in found.group(2).splitlines() + ["$ "]:
        if line.startswith("$ "):
            if command is not None:
                elided = bool(lines) and lines[-1] == ELIDED
                examples.append(Example(command, tuple(lines[:-1] if elided else lines), elided))
            command, lines = line[2:], []
        else:
            lines.append(line)
    return examples


def project_copy(root: Path, project: Path = REPO) -> Path:
    """A copy of ``project`` (its data/ and graph/) under ``root``."""
    for name in ("data", "graph"):
        shutil.copytree(project / name, root / name)
    return root


def data_digest(project: Path) -> str:
    """SHA-256 of a project's sources and records (paths and bytes, in path order)."""
    digest = hashlib.sha256()
    for folder in ("sources", "records"):
        for path in sorted((project / "data" / folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(project).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def made_from(readme: str) -> str:
    """The digest of the data/ the quick start's outputs were made from ("" if none)."""
    found = DATA_MARK.search(readme)
    return found.group(1) if found else ""


def run(command: str, cwd: Path) -> list[str]:
    """What ``command`` prints on standard output, as lines (a failing command is an error)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("POLICYGRAPH_REPOSITORY", None)
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    if done.returncode not in (0, 141):  # 141: a pipe's reader (head) stopped early
        raise RuntimeError(f"`{command}` exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout.splitlines()


def differences(examples: list[Example], cwd: Path, *, outputs: bool = True) -> list[str]:
    """Each command whose output is not what the README shows, with both (``outputs``: else
    each command only runs, and fails if it fails or prints nothing)."""
    found = []
    for example in examples:
        actual = run(example.command, cwd)
        if not outputs:
            if not actual:
                found.append(f"$ {example.command}\n  printed nothing\n")
            continue
        expected = list(example.shown)
        if (actual[: len(expected)] if example.elided else actual) != expected:
            found.append(
                f"$ {example.command}\n  README shows:\n"
                + "".join(f"    {line}\n" for line in expected)
                + "  it prints:\n"
                + "".join(f"    {line}\n" for line in actual[: len(expected) + 3])
            )
    return found


def rewritten(readme: str, examples: list[Example], cwd: Path) -> str:
    """The README with the quick start's outputs as the commands print them now."""
    block = []
    for example in examples:
        actual = run(example.command, cwd)
        block.append(f"$ {example.command}")
        if example.elided:
            block += [*actual[: len(example.shown)], ELIDED]
        else:
            block += actual
    found = _BLOCK.search(readme)
    assert found is not None
    rest = DATA_MARK.sub("", readme[found.end(3) :], count=1)
    mark = f"<!-- quick start made from data/ sha256:{data_digest(REPO)} -->\n"
    return readme[: found.start(2)] + "\n".join(block) + "\n" + found.group(3) + mark + rest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite README.md's outputs")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    examples = read_examples(readme)
    with tempfile.TemporaryDirectory(prefix="pg-readme-") as tmp:
        cwd = project_copy(Path(tmp))
        if args.write:
            README.write_text(rewritten(readme, examples, cwd), encoding="utf-8")
            return 0
        problems = differences(examples, cwd, outputs=made_from(readme) == data_digest(REPO))
    print("".join(problems) or "the quick start is what the commands print")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
