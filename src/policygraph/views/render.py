"""One self-contained, safe, deterministic HTML page for a ``ViewModel``.

The view is a pyvis ``Network`` (``views.network``); the page inlines the vis-network 9.1.2 files
of the installed pyvis package (dual Apache-2.0/MIT) and policygraph's own script and style, in
the shell every page shares (``policygraph.page``: escaped JSON data, text by ``textContent``
only, a Content-Security-Policy allowing only the page's own scripts, by hash).

pyvis's own HTML generation is not used: it loads bootstrap from a CDN, writes ``lib/`` into the
working directory and inserts text unescaped.
"""

from __future__ import annotations

from typing import Any

from policygraph.page import Page, asset, render_page
from policygraph.views.select import ViewModel, search_keys

PHYSICS_LIMIT = 300  # above this many nodes, positions are final and physics stays off

#: Legend groups: colour and vis-network shape.
STYLES: dict[str, tuple[str, str]] = {
    "signal": ("#d62728", "diamond"),
    "event": ("#9467bd", "star"),
    "person": ("#1f77b4", "dot"),
    "organisation": ("#2ca02c", "square"),
    "audience": ("#17becf", "triangle"),
    "agenda item": ("#bcbd22", "triangleDown"),
    "place": ("#8c6d31", "triangle"),
    "programme": ("#637939", "box"),
    "forum": ("#7b4173", "star"),
    "source document": ("#7f7f7f", "square"),
    "topic": ("#ff7f0e", "hexagon"),
    "sector": ("#e377c2", "hexagon"),
    "goal": ("#8c564b", "hexagon"),
    "expected role": ("#aec7e8", "hexagon"),
}
SPARE = ("#98df8a", "#ffbb78", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#393b79")


def _style(group: str, spare: dict[str, int]) -> tuple[str, str]:
    if group in STYLES:
        return STYLES[group]
    return SPARE[spare[group] % len(SPARE)], "ellipse" if group == "other" else "dot"


def page_data(
    model: ViewModel,
    positions: dict[str, tuple[float, float]],
    node_sizes: dict[str, float],
    cards: dict[str, dict[str, Any]],
    *,
    title: str,
    lang: str,
) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data."""
    groups = sorted({n.group for n in model.nodes.values()})
    spare = {g: i for i, g in enumerate(g for g in groups if g not in STYLES)}
    index = {g: i for i, g in enumerate(groups)}
    nodes = []
    for iri, node in model.nodes.items():
        x, y = positions.get(iri, (0.0, 0.0))
        nodes.append(
            {
                "id": iri,
                "label": node.label,
                "g": index[node.group],
                "x": x,
                "y": y,
                "v": node_sizes.get(iri, 10.0),
                "t": node.tooltip,
                "k": search_keys(node),
            }
        )
    edges = [
        {"id": f"e{i}", "from": e.source, "to": e.target, "label": e.label, "p": e.predicate}
        for i, e in enumerate(model.edges)
    ]
    return {
        "title": title,
        "lang": lang,
        "physics": len(nodes) <= PHYSICS_LIMIT,
        "groups": [
            {"name": g, "color": _style(g, spare)[0], "shape": _style(g, spare)[1]} for g in groups
        ],
        "nodes": nodes,
        "edges": edges,
        "cards": cards,
    }


def render_network(net: Any, data: dict[str, Any]) -> str:
    """The page of a view's pyvis ``Network`` (``views.network.to_network(data)``)."""
    from policygraph.views.network import vis_asset

    shown = {key: data[key] for key in ("title", "lang", "physics", "groups", "cards")}
    shown.update(nodes=net.nodes, edges=net.edges, options=net.options)
    return render_page(
        Page(
            title=str(data["title"]),
            body=asset("view.html"),
            data=shown,
            scripts=(vis_asset("vis-network.min.js"), asset("view.js")),
            styles=(vis_asset("vis-network.css"), asset("view.css")),
            lang=str(data["lang"]),
        )
    )
