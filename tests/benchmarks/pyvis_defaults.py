"""pyvis's own page for a view, for ``bench_views`` to set beside policygraph's: its ``Network()``
defaults, ``add_node``/``add_edge`` and ``generate_html``, served offline from its own package,
and a hook that notes when its physics first settles."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from policygraph.store import MemoryStore


def pyvis_page(store: MemoryStore) -> tuple[str, float]:
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


def pyvis_routes(page: Any) -> None:
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
