"""The README's quick start is what its commands print on the repository's data.

Like the stale-graph test (tests/test_build.py), this one reads the repository's own data/: the
README shows what that data gives. After adding sources, refresh it with
``python -m tests.readme_examples --write`` (``make readme``), as ``policygraph build``
refreshes graph/.
"""

from __future__ import annotations

from pathlib import Path

from tests.readme_examples import README, differences, project_copy, read_examples


def test_the_quick_start_shows_what_its_commands_print(tmp_path: Path) -> None:
    examples = read_examples(README.read_text(encoding="utf-8"))
    assert len(examples) >= 5 and examples[0].command == "policygraph build"
    problems = differences(examples, project_copy(tmp_path))
    assert not problems, "the README's quick start is stale (make readme):\n" + "".join(problems)
