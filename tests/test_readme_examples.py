"""The README's quick start is what its commands print on the repository's data.

Like the stale-graph test (tests/test_build.py), this one reads the repository's data/ (the
``repository`` fixture): the README shows what that data gives, and ``make readme`` refreshes
it, recording the digest of the data it was made from. Outputs are compared for that data only;
once a user has added sources, the commands must still run and print, but what they print is the
user's project, not the README's (``tests/test_walkthrough.py`` checks it).
"""

from __future__ import annotations

from pathlib import Path

from tests.readme_examples import (
    README,
    data_digest,
    differences,
    made_from,
    project_copy,
    read_examples,
)

from policygraph.project import Project


def test_the_quick_start_shows_what_its_commands_print(tmp_path: Path, repository: Project) -> None:
    readme = README.read_text(encoding="utf-8")
    examples = read_examples(readme)
    assert len(examples) >= 5 and examples[0].command == "policygraph build"
    assert made_from(readme), "README.md records no data digest: run `make readme`"
    same = made_from(readme) == data_digest(repository.root)
    problems = differences(examples, project_copy(tmp_path, repository.root), outputs=same)
    assert not problems, "the README's quick start is stale (make readme):\n" + "".join(problems)
