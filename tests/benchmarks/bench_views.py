"""Benchmark: policygraph's network view against pyvis's defaults, on the same synthetic graphs.

For 500, 2,000 and 10,000 nodes it reports the file size, the generation time (selection and
layout included; for pyvis, building the ``Network`` and ``generate_html``), and the time until
the view is drawn and still in headless Chromium (for pyvis: its ``stabilized`` event, capped).
Writes ``docs/bench-views.md``. Run: ``python -m tests.benchmarks.bench_views [SIZES...]``.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, SKOS
from tests.chromium import ARGS, CHROMIUM

from policygraph.store import MemoryStore, union_store
from policygraph.vocab import KOS, PG, PGG, PGR

SIZES = (500, 2000, 10000)
PYVIS_CAP = 60.0  # seconds to wait for pyvis's view to settle
REPORT = Path(__file__).resolve().parents[2] / "docs" / "bench-views.md"


def synthetic_dataset(n: int, seed: int = 7) -> Dataset:
    """About ``n`` entities: people with posts, organisations, signals and topics (seeded)."""
    rng = random.Random(seed)
    data = Dataset(default_union=True)
    g = data.graph(PGG["src-synthetic"])
    orgs, people, topics = max(n // 5, 1), max(n * 2 // 5, 1), max(n // 20, 1)
    signals = max(n - orgs - people - topics, 1)

    def entity(kind: str, i: int, cls: URIRef, label: str) -> URIRef:
        iri = PGR[f"{kind}-{i}"]
        g.add((iri, RDF.type, cls))
        g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
        return iri

    org = [entity("org", i, ORG.FormalOrganization, f"Organisation {i}") for i in range(orgs)]
    person = [entity("person", i, FOAF.Person, f"Official {i}") for i in range(people)]
    topic = [entity("topic", i, SKOS.Concept, f"Topic {i}") for i in range(topics)]
    for i in range(1, orgs):
        if rng.random() < 0.5:
            g.add((org[i], ORG.unitOf, org[rng.randrange(i)]))
    for i, who in enumerate(person):
        post = PGR[f"post-{i}"]
        g.add((post, RDF.type, ORG.Membership))
        g.add((post, ORG.member, who))
        g.add((post, ORG.organization, org[rng.randrange(orgs)]))
    for i in range(signals):
        s = entity("signal", i, PG.PolicySignal, f"Signal {i}")
        g.add((s, PG.issuer, org[rng.randrange(orgs)]))
        g.add((s, PROV.wasAttributedTo, person[rng.randrange(people)]))
        g.add((s, PG.topic, topic[rng.randrange(topics)]))
        g.add((s, PG.stance, KOS["stance.exploratory"]))
    return data


def synthetic_store(n: int, seed: int = 7) -> MemoryStore:
    return union_store(synthetic_dataset(n, seed))


def _ours(store: MemoryStore) -> tuple[str, float, int, int]:
    from policygraph.views.api import build_model, render_model

    start = time.perf_counter()
    facts, model, _ = build_model(store)
    page = render_model(facts, model, title="synthetic")
    return page, time.perf_counter() - start, len(model.nodes), len(model.edges)


def _pyvis(store: MemoryStore) -> tuple[str, float]:
    from pyvis.network import Network

    from policygraph.views.api import build_model

    facts, model, _ = build_model(store)
    start = time.perf_counter()
    net = Network()  # pyvis's defaults
    for iri, node in model.nodes.items():
        net.add_node(iri, label=node.label, title=node.tooltip)
    for e in model.edges:
        net.add_edge(e.source, e.target, title=e.label)
    page = net.generate_html()
    return page, time.perf_counter() - start


def _pyvis_routes(page: Any) -> None:
    """Serve pyvis's CDN and lib/ requests from its own package, so it runs offline too."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith("file:") and url.endswith(".html"):
            route.continue_()
        elif "vis-network" in url and url.endswith(".js"):
            route.fulfill(path=str(lib / "vis-9.1.2" / "vis-network.min.js"))
        elif "vis-network" in url and url.endswith(".css"):
            route.fulfill(path=str(lib / "vis-9.1.2" / "vis-network.css"))
        elif url.endswith("utils.js"):
            route.fulfill(path=str(lib / "bindings" / "utils.js"))
        else:
            route.fulfill(body="", content_type="text/plain")

    page.route("**/*", handle)


STILL_HOOK = """
Object.defineProperty(window, "network", {
  configurable: true,
  get() { return this.__pgNetwork; },
  set(value) {
    this.__pgNetwork = value;
    value.on("stabilized", () => { if (!window.__pgStill) window.__pgStill = performance.now(); });
  },
});
"""


def _drawn(browser: Any, path: Path, pyvis: bool) -> str:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        if pyvis:
            _pyvis_routes(page)
            page.add_init_script(STILL_HOOK)
        try:
            page.goto(path.as_uri(), wait_until="commit", timeout=PYVIS_CAP * 1000)
            if pyvis:
                page.wait_for_function("window.__pgStill > 0", timeout=PYVIS_CAP * 1000)
                still = float(page.evaluate("window.__pgStill")) / 1000
            else:
                page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=60000)
                still = float(page.evaluate("window.policygraphReadyAt")) / 1000
                page.fill("#pg-search", "Official 1")  # and it responds
                page.wait_for_selector("#pg-hits li", timeout=5000)
        except Exception:  # the cap was reached
            return f"> {PYVIS_CAP:.0f} s"
        return f"{still:.2f} s"
    finally:
        page.close()


def run(sizes: tuple[int, ...] = SIZES) -> str:
    import pyvis.network  # noqa: F401  both sides build a pyvis Network: time them warm
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            store = synthetic_store(n)
            ours, ours_time, nodes, edges = _ours(store)
            theirs, theirs_time = _pyvis(store)
            for name, page, seconds, is_pyvis in (
                ("policygraph", ours, ours_time, False),
                ("pyvis defaults", theirs, theirs_time, True),
            ):
                path = Path(tmp) / f"{name.split()[0]}-{n}.html"
                # pyvis's SRI hashes do not match its own bundled vis-network, which stands in for
                # the CDN here: drop the integrity attributes so the page can load offline at all.
                runnable = re.sub(r'\s(integrity|crossorigin)="[^"]*"', "", page)
                path.write_text(runnable, encoding="utf-8")
                drawn = _drawn(browser, path, is_pyvis)
                size = len(page.encode("utf-8")) / 1e6
                row = f"| {nodes:,} | {edges:,} | {name} | {size:.2f} MB | {seconds:.2f} s "
                row += f"| {drawn} |"
                print(row, flush=True)
                rows.append(row)
        browser.close()
    header = (
        "# Network view benchmark\n\n"
        "`python -m tests.benchmarks.bench_views` on the development machine (2 cores, headless "
        f"Chromium, pyvis 0.3.2). Synthetic graphs (`synthetic_dataset`, seeded). Generation "
        "includes reading the store, selection, layout and its pyvis `Network` for policygraph "
        "(pyvis already imported); pyvis is timed from "
        "an already selected graph (its `Network()` defaults, `add_node`/`add_edge`, "
        "`generate_html`). *Drawn* is the time from navigation until the view is drawn and "
        f"still: policygraph's ready mark (then a search must answer), pyvis's first "
        f"`stabilized` event, capped at {PYVIS_CAP:.0f} s. pyvis's CDN files are served from its "
        "own package (its `integrity` attributes removed: the bundled copy does not match "
        "them) so that it can run offline at all. The machine was shared with other test runs."
        "\n\n"
        "| nodes | edges | view | file | generated | drawn and still |\n"
        "|---:|---:|---|---:|---:|---:|\n"
    )
    return header + "\n".join(rows) + "\n"


def main() -> None:
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    REPORT.write_text(run(sizes), encoding="utf-8")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
