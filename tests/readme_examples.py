"""The README's quick start, run: each ``$ command`` in its console block, on a copy of the
repository's project, must print what the README shows under it.

    python -m tests.readme_examples            # check (what tests/test_readme_examples.py does)
    python -m tests.readme_examples --write    # run the commands and rewrite the block

A line ``...`` ends what the README shows of a command's output (the rest is left out); on
``--write`` each command keeps as many lines as the README showed before its ``...``.
Commands run in bash (pipes allowed) in the copy's root, with the installed ``policygraph``
first on ``PATH``; only standard output is compared (``build``'s warnings go to standard error).
"""

from __future__ import annotations

import argparse
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


def project_copy(root: Path) -> Path:
    """A copy of the repository's project (its data/ and graph/) under ``root``."""
    for name in ("data", "graph"):
        shutil.copytree(REPO / name, root / name)
    return root


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


def differences(examples: list[Example], cwd: Path) -> list[str]:
    """Each command whose output is not what the README shows, with both."""
    found = []
    for example in examples:
        actual = run(example.command, cwd)
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
    return readme[: found.start(2)] + "\n".join(block) + "\n" + readme[found.end(2) :]


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
        problems = differences(examples, cwd)
    print("".join(problems) or "the quick start is what the commands print")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
