"""``init``: a new, empty tracker project with a commented example."""

from __future__ import annotations

from pathlib import Path

from policygraph.atomic import write_atomic
from policygraph.errors import InputError

EXAMPLE_RECORDS = """\
# Records of this tracker. A file holds one graph: `reference` (identities shared by all sources),
# `source` (what one source states; every claim quotes it verbatim) or `curation` (analyst
# additions no source states). See the README's "Record format" for every field.
graph: reference

organisations: []
#  - id: org-example-ministry                 # a stable slug: a-z, 0-9, '-'
#    types: [formal, government]             # formal, unit, government, research, company
#    labels: {en: Example Ministry, zh: 示例部, zh-Latn-pinyin: Shìlì Bù}
#    alt_labels: {en: [the Ministry]}

people: []
#  - id: person-example
#    labels: {en: Zhang San, zh: 张三, zh-Latn-pinyin: Zhāng Sān}

concepts: []
#  - id: topic.example                       # <scheme>.<slug>; schemes: topic, sector, srole,
#    scheme: topic                           # goal, role (and the fixed scales shipped with
#    labels: {en: example topic}             # policygraph: stance, nature, instr, clarity, prole)
"""

GITIGNORE = ".policygraph/\n"
README = """\
# A policygraph tracker

Sources go in `data/sources/` (metadata `<id>.yaml` and archived text `<id>.txt`), records in
`data/records/*.yaml`. Build with `policygraph build`; the graph is written to `graph/`.
"""


def create_project(directory: Path) -> list[Path]:
    """Create the project layout in ``directory`` (which must not hold a project already)."""
    if (directory / "data" / "records").exists():
        raise InputError(f"{directory} already holds a policygraph project")
    files = {
        directory / "data" / "records" / "records.yaml": EXAMPLE_RECORDS,
        directory / ".gitignore": GITIGNORE,
        directory / "README.md": README,
    }
    (directory / "data" / "sources").mkdir(parents=True, exist_ok=True)
    (directory / "graph").mkdir(parents=True, exist_ok=True)
    (directory / "queries").mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        if not path.exists():
            write_atomic(path, text)
    return [*files, directory / "data" / "sources", directory / "graph", directory / "queries"]
