"""Benchmark: the interactive timeline page on synthetic trackers of 1,000 to 10,000 signals.

For each size it reports the file size, the generation time (``timeline()``, the page data and
the page) and the time from navigation until the page is drawn in headless Chromium (its ready
mark), then that a filter redraws. Writes ``docs/bench-timeline.md``.
Run: ``python -m tests.benchmarks.bench_timeline [SIZES...]``.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS, XSD
from tests.chromium import ARGS, CHROMIUM

from policygraph.store import MemoryStore, Store, union_store
from policygraph.stores.oxigraph import OxigraphStore
from policygraph.vocab import KOS, OA, PG, PGG, PGR, SCHEMA, source_document, source_graph

SIZES = (1000, 3000, 10000)
REPORT = Path(__file__).resolve().parents[2] / "docs" / "bench-timeline.md"
STANCES = ("prohibitive", "restrictive", "neutral", "exploratory", "promotional")
HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"


def _concepts(data: Dataset) -> None:
    g = data.graph(PGG["kos"])
    for n, name in enumerate(STANCES, start=-2):
        c = KOS[f"stance.{name}"]
        g.add((c, SKOS.inScheme, KOS["stance"]))
        g.add((c, SKOS.prefLabel, Literal(name, lang="en")))
        g.add((c, SKOS.notation, Literal(f"{n:+d}" if n else "0")))
    for name in ("directive", "interpretation"):
        g.add((KOS[f"nature.{name}"], SKOS.prefLabel, Literal(name, lang="en")))


def _date(rng: random.Random, i: int) -> Literal:
    year, month, day = 2020 + rng.randrange(6), 1 + rng.randrange(12), 1 + rng.randrange(28)
    if i % 50 == 1:
        return Literal(str(year), datatype=XSD.gYear)
    if i % 50 == 2:
        return Literal(f"{year}-{month:02d}", datatype=XSD.gYearMonth)
    return Literal(f"{year}-{month:02d}-{day:02d}", datatype=XSD.date)


def synthetic_timeline(n: int, seed: int = 11, hostile: bool = False) -> MemoryStore:
    """``n`` signals from ``n // 10`` sources, about 40 issuers and 20 topics (seeded).

    Signal 1 is dated by its year and signal 2 by its month; with ``hostile``, signal 0, its
    issuer, topic, quote and source carry markup, script end tags and ``javascript:`` links.
    """
    rng = random.Random(seed)
    data = Dataset(default_union=True)
    _concepts(data)
    ref, prov = data.graph(PGG["ref"]), data.graph(PGG["prov"])
    issuers = [PGR[f"org-{i}"] for i in range(max(n // 25, 4))]
    topics = [KOS[f"topic.t{i}"] for i in range(max(n // 50, 4))]
    for i, org in enumerate(issuers):
        ref.add(
            (
                org,
                SKOS.prefLabel,
                Literal(HOSTILE if hostile and i == 0 else f"Body {i}", lang="en"),
            )
        )
        if i >= 4:
            ref.add((org, ORG.unitOf, issuers[i % 4]))
    for i, topic in enumerate(topics):
        ref.add(
            (
                topic,
                SKOS.prefLabel,
                Literal(SCRIPT if hostile and i == 0 else f"Topic {i}", lang="en"),
            )
        )
        if i >= 4:
            ref.add((topic, SKOS.broader, topics[i % 4]))
    docs = []
    for d in range(max(n // 10, 1)):
        doc, graph = source_document(f"s{d}"), source_graph(f"s{d}")
        evil = hostile and d == 0
        prov.add((doc, SKOS.prefLabel, Literal(HOSTILE if evil else f"Article {d}", lang="en")))
        prov.add((doc, DCTERMS.publisher, Literal(SCRIPT if evil else f"Publisher {d % 7}")))
        prov.add((doc, DCTERMS.issued, Literal(f"2026-01-{1 + d % 28:02d}", datatype=XSD.date)))
        url = "javascript:alert(3)" if evil else f"https://example.org/a/{d}"
        prov.add((doc, SCHEMA.url, URIRef(url)))
        text = "javascript:alert(4)" if evil else f"data/sources/s{d}.txt"
        prov.add((doc, PG.archivedText, Literal(text)))
        prov.add((graph, PROV.wasDerivedFrom, doc))
        docs.append((doc, data.graph(graph)))
    for i in range(n):
        doc, g = docs[i % len(docs)] if i else docs[0]
        s = PGR[f"signal-{i}"]
        label = HOSTILE + SCRIPT if hostile and i == 0 else f"Signal {i}"
        g.add((s, RDF.type, PG.PolicySignal))
        g.add((s, SKOS.prefLabel, Literal(label, lang="en")))
        g.add((s, PG.issuedOn, _date(rng, i)))
        g.add((s, PG.issuer, issuers[0] if i == 0 else rng.choice(issuers)))
        g.add((s, PG.topic, topics[0] if i == 0 else rng.choice(topics)))
        g.add((s, PG.stance, KOS[f"stance.{rng.choice(STANCES)}"]))
        nature = "interpretation" if i % 9 == 4 else "directive"
        g.add((s, PG.signalNature, KOS[f"nature.{nature}"]))
        if nature == "interpretation":
            g.add((s, PG.interpretedIn, doc))
            g.add((s, PG.previousStance, KOS[f"stance.{rng.choice(STANCES)}"]))
        ev, sel = PGR[f"signal-{i}.ev1"], PGR[f"signal-{i}.ev1.sel"]
        g.add((s, PG.evidence, ev))
        g.add((ev, OA.hasSource, doc))
        g.add((ev, OA.hasSelector, sel))
        quote = f"{SCRIPT} said {HOSTILE}" if hostile and i == 0 else f"Quote of signal {i}."
        g.add((sel, OA.exact, Literal(quote, lang="en")))
    return union_store(data)


def render(store: Store) -> str:
    from policygraph.analytics.timeline_html import render_timeline_html

    return render_timeline_html(store, title="synthetic timeline")


def oxigraph_copy(store: MemoryStore) -> OxigraphStore:
    """The same quads in an in-memory Oxigraph store."""
    import pyoxigraph as ox

    inner = ox.Store()
    inner.load(store.dataset().serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
    return OxigraphStore(inner)


def _drawn(browser: object, path: Path) -> tuple[float, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    try:
        page.goto(path.as_uri())
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=60000)
        drawn = float(page.evaluate("window.policygraphReadyAt")) / 1000
        start = time.perf_counter()
        page.fill("#pg-support", "99")  # a filter redraws (to nothing) ...
        page.wait_for_selector('body[data-drawn="0"]', state="attached", timeout=10000)
        page.fill("#pg-support", "0")  # ... and back to everything
        page.wait_for_selector('body:not([data-drawn="0"])', state="attached", timeout=10000)
        return drawn, (time.perf_counter() - start) / 2
    finally:
        page.close()


def run(sizes: tuple[int, ...] = SIZES) -> str:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            store = synthetic_timeline(n)
            start = time.perf_counter()
            page = render(store)
            generated = time.perf_counter() - start
            fast = oxigraph_copy(store)
            start = time.perf_counter()
            assert render(fast) == page  # same bytes on both stores
            on_oxigraph = time.perf_counter() - start
            path = Path(tmp) / f"timeline-{n}.html"
            path.write_text(page, encoding="utf-8")
            drawn, redraw = _drawn(browser, path)
            size = len(page.encode("utf-8")) / 1e6
            row = f"| {n:,} | {size:.2f} MB | {generated:.2f} s | {on_oxigraph:.2f} s "
            row += f"| {drawn:.2f} s | {redraw:.2f} s |"
            print(row, flush=True)
            rows.append(row)
        browser.close()
    header = (
        "# Timeline page benchmark\n\n"
        "`python -m tests.benchmarks.bench_timeline` (headless Chromium). Synthetic trackers "
        "(`synthetic_timeline`, seeded): n signals from n/10 sources, one quote each, n/25 "
        "issuers (lanes), 2% of the dates partial. *Generated*: `render_timeline_html` "
        "(selection, page data and page), on rdflib's memory store and on an in-memory "
        "Oxigraph store (the same bytes on both: rdflib's SPARQL engine is the cost). *Drawn*: "
        "from "
        "navigation to the page's ready mark (every signal drawn). *Redraw*: a filter "
        "change until the chart is drawn again (mean of two, measured from the test "
        "driver). Target: 1,000 signals drawn in < 1 s. The 2-core machine was shared "
        "with other test runs.\n\n"
        "| signals | file | generated (rdflib) | generated (Oxigraph) | drawn | redraw |\n"
        "|---:|---:|---:|---:|---:|---:|\n"
    )
    return header + "\n".join(rows) + "\n"


def main() -> None:
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    REPORT.write_text(run(sizes), encoding="utf-8")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
