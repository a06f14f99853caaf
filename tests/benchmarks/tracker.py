"""A deterministic synthetic tracker project of N sources, for ``bench_build``.

Each source is about the size of ``data/sources/ffc-sasac-crypto-study.txt`` (8-9 KB of text)
with records like the SASAC article's: names, posts, an event with participants and an agenda,
3-5 signals, every quote a verbatim span of the generated text. Sources share one reference
file (a few hundred organisations, people and audiences) and one concepts file. Every fifth
source restates the previous source's event and first signal (same id, no ``labels``); every
fourth is in Chinese. ``python -m tests.benchmarks.tracker 1000 DIR`` writes a project.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.replica import REPOSITORY_DATA, replicate

ORGS, PEOPLE, AUDIENCES = 300, 200, 40
TOPICS, SECTORS, ROLES = 30, 12, 8
FILLER_EN = (
    "Observers said the discussion covered the institutional background in some detail. "
    "The officials reviewed earlier pilot programmes and the lessons drawn from them. "
    "Several participants noted the need for careful coordination among departments. "
    "The report added that further guidance would follow in the coming months. "
)
FILLER_ZH = (
    "会议还回顾了前期试点工作的经验和做法。与会人员认为，各部门需要加强统筹协调。"
    "报道指出，后续将在未来几个月内出台进一步的指导意见。有关方面表示将持续跟踪研究。"
)


def _org(i: int) -> str:
    return f"org-bench-{i:03d}"


def _person(i: int) -> str:
    return f"person-bench-{i:03d}"


def _reference() -> str:
    lines = ["# Synthetic reference entities shared by every benchmark source.", "graph: reference"]
    lines.append("organisations:")
    for i in range(ORGS):
        lines += [
            f"  - id: {_org(i)}",
            "    types: [formal, government]",
            f"    labels: {{en: Benchmark Commission Number {i}, zh: 基准委员会第{i}号}}",
            f"    alt_labels: {{en: [Commission {i}]}}",
        ]
    lines.append("people:")
    for i in range(PEOPLE):
        lines.append(f"  - id: {_person(i)}")
        lines.append(f"    labels: {{en: Official Number {i}, zh: 官员{i}号}}")
    lines.append("audiences:")
    for i in range(AUDIENCES):
        lines += [
            f"  - id: aud-bench-{i:02d}",
            f"    labels: {{en: enterprises supervised by commission {i}}}",
            f"    scope: {_org(i)}",
        ]
    return "\n".join(lines) + "\n"


def _concepts() -> str:
    lines = ["# Synthetic concepts of the benchmark tracker.", "graph: reference", "concepts:"]
    for scheme, count in (("topic", TOPICS), ("sector", SECTORS), ("role", ROLES)):
        for i in range(count):
            lines += [
                f"  - id: {scheme}.bench-{i:02d}",
                f"    scheme: {scheme}",
                f"    labels: {{en: {scheme} number {i}, zh: 概念{scheme}{i}}}",
            ]
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Source:
    """One source: its text grows as sentences are added, and each quote is one sentence."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.n, self.rng = n, rng
        self.zh = n % 4 == 3
        self.slug = f"bench-{n:04d}"
        self.sentences: list[str] = []

    def say(self, en: str, zh: str) -> str:
        sentence = zh if self.zh else en
        self.sentences.append(sentence)
        return sentence

    def text(self) -> str:
        filler = FILLER_ZH if self.zh else FILLER_EN
        paragraphs, size = [], 0
        for sentence in self.sentences:
            paragraphs.append(sentence + (" " if not self.zh else "") + filler)
            size += len((sentence + filler).encode())
        while size < 8000:
            paragraphs.append(filler * 2)
            size += 2 * len(filler.encode())
        return "\n\n".join(paragraphs) + "\n"


def _event_id(n: int) -> str:
    return f"event-bench-{n:04d}-meeting"


def _signal_id(n: int, k: int) -> str:
    return f"signal-bench-{n:04d}-{k}"


def _records(src: _Source) -> list[str]:  # noqa: PLR0915 (one template, read top to bottom)
    n, rng = src.n, src.rng
    org = rng.randrange(ORGS)
    people = rng.sample(range(PEOPLE), 3)
    lang = "zh" if src.zh else "en"
    out = ["graph: source", f"source: {src.slug}", "names:"]
    q = src.say(f"The commission {n} (Commission {org}) met again", f"第{n}次会议由委员会{org}召开")
    out += [
        f"  - entity: {_org(org)}",
        f"    alt_labels: {{{lang}: [Body {n}]}}",
        f"    quote: {_q(q)}",
    ]
    out.append("posts:")
    for k, p in enumerate(people[:2]):
        q = src.say(
            f"Official {p} serves as head number {n}-{k}.", f"官员{p}担任第{n}-{k}号负责人。"
        )
        out += [
            f"  - id: post-bench-{n:04d}-{k}",
            f"    member: {_person(p)}",
            f"    organisation: {_org(org)}",
            f"    role: role.bench-{(n + k) % ROLES:02d}",
            "    observed_on: 2025-07-10",
            f"    stated_as: {{{lang}: head number {n}-{k}}}",
            f"    quote: {_q(q)}",
        ]
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    date = f"2025-{month:02d}-{day:02d}"
    out.append("events:")
    q = src.say(f"A study session numbered {n} was held on {date}.", f"第{n}号学习会于{date}举行。")
    out += [
        f"  - id: {_event_id(n)}",
        "    types: [study-session]",
        f"    labels: {{{lang}: study session {n}}}",
        f"    date: {date}",
        f"    organiser: {_org(org)}",
        f"    about: [topic.bench-{n % TOPICS:02d}]",
        f"    quote: {_q(q)}",
        "    participants:",
    ]
    for k, (p, role) in enumerate(zip(people, ("chair", "guidance", "lecturer"), strict=True)):
        q = src.say(
            f"Official {p} took part as {role} {n}-{k}.", f"官员{p}以{role}身份参加{n}-{k}。"
        )
        out += [
            f"      - who: {_person(p)}",
            f"        role: prole.{role}",
            f"        quote: {_q(q)}",
        ]
    out.append("    agenda:")
    for k in range(1, 4):
        q = src.say(f"Theme {n}-{k}: a briefing on item {k}.", f"主题{n}-{k}：关于第{k}项的介绍。")
        out += [
            f"      - id: briefing-bench-{n:04d}-{k}",
            f"        labels: {{{lang}: theme {n}-{k}}}",
            f"        sequence: {k}",
            f"        quote: {_q(q)}",
        ]
    out.append("signals:")
    for k in range(1, 3 + rng.randrange(3) + 1):
        q = src.say(
            f"Mandate {n}-{k}: strengthen research in area {k}.",
            f"要求{n}-{k}：加强第{k}领域研究。",
        )
        out += [
            f"  - id: {_signal_id(n, k)}",
            f"    labels: {{{lang}: mandate {n}-{k}}}",
            "    nature: nature.directive",
            f"    issuer: {_org(org)}",
            f"    speaker: {_person(people[0])}",
            f"    date: {date}",
            f"    occasion: {_event_id(n)}",
            f"    sequence: {k}",
            f"    topics: [topic.bench-{(n + k) % TOPICS:02d}]",
            f"    sectors: [sector.bench-{(n + k) % SECTORS:02d}]",
            f"    addressees: [aud-bench-{org % AUDIENCES:02d}]",
            "    stance: stance.exploratory",
            "    instrument: instr.meeting-requirement",
            "    clarity: clarity.grey",
            "    strength: 1",
            "    confidence: 0.8",
            f"    quote: {_q(q)}",
        ]
    if n % 5 == 4:  # restate the previous source's event and first signal
        q = src.say(
            f"As reported earlier, session {n - 1} took place.",
            f"据此前报道，第{n - 1}号会议已举行。",
        )
        out.insert(out.index("signals:"), f"  - id: {_event_id(n - 1)}")
        out.insert(out.index("signals:"), f"    quote: {_q(q)}")
        q = src.say(f"Mandate {n - 1}-1 was repeated.", f"要求{n - 1}-1再次被提及。")
        out += [f"  - id: {_signal_id(n - 1, 1)}", f"    quote: {_q(q)}"]
    return out


def _source_meta(src: _Source) -> str:
    return "\n".join(
        [
            f"id: {src.slug}",
            "kind: news-article",
            f"title: Benchmark article {src.n}",
            "publisher: Benchmark Wire",
            f"url: https://example.org/bench/{src.n}",
            f"language: {'zh' if src.zh else 'en'}",
            "published: 2025-12-31",
            "retrieved: ~",
            "author: ~",
            f"text: {src.slug}.txt",
        ]
    )


def write_project(root: Path, sources: int = 1000, seed: int = 7) -> Path:
    """Write a benchmark project of ``sources`` sources under ``root``; returns ``root``."""
    rng = random.Random(seed)
    records, texts = root / "data" / "records", root / "data" / "sources"
    records.mkdir(parents=True, exist_ok=True)
    texts.mkdir(parents=True, exist_ok=True)
    (records / "reference.yaml").write_text(_reference(), encoding="utf-8")
    (records / "concepts.yaml").write_text(_concepts(), encoding="utf-8")
    for n in range(sources):
        src = _Source(n, rng)
        body = "\n".join(_records(src)) + "\n"
        (records / f"{src.slug}.yaml").write_text(body, encoding="utf-8")
        (texts / f"{src.slug}.yaml").write_text(_source_meta(src) + "\n", encoding="utf-8")
        (texts / f"{src.slug}.txt").write_text(src.text(), encoding="utf-8")
    return root


if __name__ == "__main__":
    write_project(Path(sys.argv[2]), int(sys.argv[1]))


def tracker_parser(description: str) -> argparse.ArgumentParser:
    """The options every build benchmark takes: a generated project's size, or a project."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sources", type=int, default=1000, help="generate this many sources")
    parser.add_argument("--project", type=Path, help="measure a copy of this project's data/")
    parser.add_argument(
        "--copies",
        type=int,
        help="measure real sources instead: --project's data/ (default: this repository's) "
        "copied this many times (tests/benchmarks/replica.py)",
    )
    return parser


@contextmanager
def tracker_project(args: argparse.Namespace, name: str) -> Iterator[Path]:
    """A temporary project for ``tracker_parser``'s options, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"pg-{name}-") as tmp:
        root = Path(tmp) / "tracker"
        if args.copies:
            data = args.project / "data" if args.project else REPOSITORY_DATA
            yield replicate(root, args.copies, data)
        else:
            yield project_at(root, args.sources, args.project)


def project_at(root: Path, sources: int, copy_of: Path | None = None) -> Path:
    """``root`` holding a copy of ``copy_of``'s data/, or else a generated project of
    ``sources`` sources (what each build benchmark measures)."""
    if copy_of is not None:
        shutil.copytree(copy_of / "data", root / "data")
        return root
    return write_project(root, sources)
