"""Benchmark: full-text search over 1,000 generated sources, and the Chinese tokenizer choice.

Part 1 indexes 1,000 generated sources (mixed English and Chinese archived texts, five quotes
each) with ``policygraph.fulltext`` and times ``search_text`` end to end (open, match, rank,
snippets, claims) for English words and phrases and Chinese words of two to five characters; the
target is a median under 100 ms. Part 2 indexes the Chinese texts four ways (``unicode61`` as is,
``trigram``, jieba-segmented words, and one token per Han character, the index's choice) and
reports, for each, the recall of substring queries, the median query time, the build time and
the index size. jieba is measured only when installed (``pip install jieba``).
Writes ``docs/bench-text-search.md``. Run: ``python -m tests.benchmarks.bench_text_search``.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from policygraph.fulltext import search_text
from policygraph.fulltext.collect import ClaimRef, Document, Quote
from policygraph.fulltext.index import index_documents
from policygraph.fulltext.segment import HAN, to_indexed
from policygraph.project import Project

SOURCES = 1000
RUNS = 30
REPORT = Path(__file__).resolve().parents[2] / "docs" / "bench-text-search.md"
ZH_TEXT = (
    "上海 国资委 国资 贺青 稳定币 区块链 供应链金融 数字货币 加密货币 国有企业 监管 试点 研究 "
    "会议 党委 书记 主任 战略 探索 应用 资产 数字化 跨境贸易 金融 科技创新 中心 发展 政策 市场 "
    "风险 推动 产业 融合 学习 组织 召开 要求 报告 企业 中央 工作 全面 加强 建设 改革 创新"
)
EN_TEXT = (
    "state owned enterprises supervision commission blockchain pilots supply chain finance "
    "stablecoin cryptocurrency digital assets regulation strategy exploration study session "
    "party committee director secretary meeting report policy market risk cross border trade "
    "innovation industry integration shanghai the of and to in a on for with by"
)
ZH_QUERIES = ("国资", "贺青", "金融", "稳定币", "区块链", "国资委", "供应链金融", "上海国资委")
EN_QUERIES = ("stablecoin", "blockchain pilots", '"supply chain finance"', "regul*")


def _sentence(rng: random.Random, chinese: bool) -> str:
    if chinese:
        return "".join(rng.choice(ZH_TEXT.split()) for _ in range(rng.randint(6, 14))) + "。"
    words = [rng.choice(EN_TEXT.split()) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def generate(root: Path, n: int = SOURCES, seed: int = 11) -> list[Document]:
    """``n`` sources, each an archived text of ~40 sentences (one in three Chinese) + 5 quotes."""
    rng = random.Random(seed)
    (root / "data" / "sources").mkdir(parents=True, exist_ok=True)
    documents = []
    for i in range(n):
        chinese = i % 3 == 0
        sentences = [_sentence(rng, chinese or rng.random() < 0.1) for _ in range(40)]
        path = f"data/sources/gen-{i:04d}.txt"
        (root / path).write_text("\n".join(sentences), encoding="utf-8")
        quotes = tuple(
            Quote(
                sentences[k], "zh" if chinese else "en",
                (ClaimRef(f"https://example.org/signal-{i}-{k}", f"Signal {i}.{k}",
                          ("pg:PolicySignal",)),),
            )
            for k in sorted(rng.sample(range(40), 5))
        )  # fmt: skip
        documents.append(
            Document(f"https://example.org/doc-{i:04d}", f"Generated source {i}", "Test Wire",
                     f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "", path, f"sha256:{i}", quotes)
        )  # fmt: skip
    return documents


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_search(root: Path) -> tuple[float, list[tuple[str, int, float]], float]:
    documents = generate(root)
    project = Project(root)
    start = time.perf_counter()
    index_documents(project.text_index_path, root, documents)
    build_s = time.perf_counter() - start
    rows = []
    for query in (*EN_QUERIES, *ZH_QUERIES):
        hits = len(search_text(project, query, limit=20))
        rows.append((query, hits, _median_ms(lambda q=query: search_text(project, q, limit=20))))
    return build_s, rows, statistics.median(r[2] for r in rows)


def _match_ms(conn: sqlite3.Connection, expression: str) -> float:
    sql = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20"
    return _median_ms(lambda: conn.execute(sql, (expression,)).fetchall(), runs=10)


Variant = tuple[str, str, Callable[[str], str], Callable[[str], str]]


def _variants() -> list[Variant]:
    def chars_query(q: str) -> str:
        return '"' + to_indexed(q) + '"'

    found: list[Variant] = [
        ("unicode61 (text as is)", "unicode61", lambda t: t, lambda q: f'"{q}"'),
        ("trigram", "trigram", lambda t: t, lambda q: f'"{q}"'),
        ("one token per Han character (chosen)", "unicode61", to_indexed, chars_query),
    ]
    try:
        import jieba  # type: ignore[import-untyped]
    except ImportError:
        return found
    start = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.initialize()
    load = (time.perf_counter() - start) * 1000
    found.insert(
        2,
        (f"jieba words + unicode61 (dictionary load {load:.0f} ms)", "unicode61",
         lambda t: " ".join(jieba.cut(t)), lambda q: '"' + " ".join(jieba.cut(q)) + '"'),
    )  # fmt: skip
    return found


def bench_tokenizers(root: Path) -> list[tuple[str, float, float, float, float, int]]:
    """Per variant: recall of 2- and 3+-character queries, median ms, build s, size in bytes."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((root / "data" / "sources").glob("*.txt"))
        if HAN.search(p.read_text(encoding="utf-8"))
    ]
    truth = {q: {i for i, t in enumerate(texts) if q in t} for q in ZH_QUERIES}
    results = []
    for name, tokenizer, prepare, to_query in _variants():
        path = root / f"variant-{len(results)}.sqlite"
        conn = sqlite3.connect(path)
        start = time.perf_counter()
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = '{tokenizer}')")
        conn.executemany(
            "INSERT INTO t (rowid, body) VALUES (?, ?)",
            ((i, prepare(t)) for i, t in enumerate(texts)),
        )
        conn.commit()
        build_s = time.perf_counter() - start
        found, total = [0, 0], [0, 0]
        for query in ZH_QUERIES:
            expression = (to_query(query),)
            rows = {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", expression)}
            found[len(query) > 2] += len(rows & truth[query])
            total[len(query) > 2] += len(truth[query])
        ms = statistics.median(_match_ms(conn, to_query(q)) for q in ZH_QUERIES)
        conn.close()
        results.append(
            (name, found[0] / total[0], found[1] / total[1], ms, build_s, path.stat().st_size)
        )
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_s, rows, median = bench_search(root)
        variants = bench_tokenizers(root)
    lines = [
        "# Benchmark: full-text search (`tests/benchmarks/bench_text_search.py`)",
        "",
        f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}. {SOURCES:,} generated "
        f"sources (one in three Chinese), 5 quotes each; index built in {build_s:.2f} s.",
        "",
        "| query | hits (limit 20) | median ms |",
        "| --- | ---: | ---: |",
        *(f"| `{q}` | {n} | {ms:.2f} |" for q, n, ms in rows),
        "",
        f"Median over all queries: **{median:.2f} ms** (target: < 100 ms).",
        "",
        f"## Chinese: tokenizers compared on the {sum(1 for _ in ZH_QUERIES)} Chinese queries",
        "",
        "Recall: the share of (query, text) pairs where the text contains the query as a substring "
        "that the MATCH finds.",
        "",
        "| variant | recall, 2 characters | recall, 3+ | median ms | build s | size KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {name} | {two:.0%} | {more:.0%} | {ms:.2f} | {b:.2f} | {size // 1024:,} |"
            for name, two, more, ms, b, size in variants
        ),
        "",
    ]
    report = "\n".join(lines)
    REPORT.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
