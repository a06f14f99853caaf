"""One self-contained, safe, deterministic HTML page for a ``ViewModel``.

The page draws the view's nodes, edges and options exactly as its pyvis ``Network`` holds them
(``views.network.to_network``; a test renders both and compares the bytes), but it is written
from the view's own plain data: building a pyvis ``Network`` of 10,000 nodes and importing pyvis
(with IPython, jinja2 and networkx) cost more than the rest of a view, so ``View.to_pyvis()``
builds it only when asked. The page inlines the vis-network 9.1.2 files of the installed pyvis
package (dual Apache-2.0/MIT) and policygraph's own script and style, in the shell every page
shares (``policygraph.page``: escaped JSON data, text by ``textContent`` only, a
Content-Security-Policy allowing only the page's own scripts, by hash).

A big view (positions laid out, physics off) first draws a plain picture of the graph from its
data, framed as the network will be, while vis-network sets up its objects (more than a second
at 10,000 nodes): ``view_script``, ``assets/picture.js``.

pyvis's own HTML generation is not used: it loads bootstrap from a CDN, writes ``lib/`` into the
working directory and inserts text unescaped.
"""

from __future__ import annotations

from typing import Any

from policygraph.page import Page, asset, render_page
from policygraph.views.model import ViewModel
from policygraph.views.network import options, vis_asset
from policygraph.views.select import search_keys

VIEW_JS = "/* view.js */\n"  # where picture.js runs view.js
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
    # not "box": a box is as wide as its label even where the label is too small to be drawn,
    # so a zoomed-out view showed programmes as long empty bars
    "programme": ("#637939", "dot"),
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
    return SPARE[spare[group] % len(SPARE)], "dot"  # an ellipse, like a box, is label-wide


def page_data(
    model: ViewModel,
    positions: dict[str, tuple[float, float]],
    node_sizes: dict[str, float],
    cards: dict[str, dict[str, Any]],
    *,
    title: str,
    lang: str,
) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data: nodes and edges in the form
    pyvis's ``add_node``/``add_edge`` give them (a node's label defaults to its id), less each
    edge's ``arrows`` (drawn by the global ``edges.arrows`` option: ``network.to_network``),
    plus each node's search keys (``k``) and legend group (``g``) and each edge's predicate
    (``p``), which vis-network ignores and the page's search and legend read."""
    groups = sorted({n.group for n in model.nodes.values()})
    spare = {g: i for i, g in enumerate(g for g in groups if g not in STYLES)}
    index = {g: i for i, g in enumerate(groups)}
    styles = [_style(g, spare) for g in groups]
    nodes = []
    for iri, node in model.nodes.items():
        x, y = positions.get(iri, (0.0, 0.0))
        g = index[node.group]
        nodes.append(
            {
                "id": iri,
                "label": node.label or iri,
                "shape": styles[g][1],
                "color": styles[g][0],
                "g": g,
                "x": x,
                "y": y,
                "size": node_sizes.get(iri, 10.0),
                "title": node.tooltip,
                "k": search_keys(node),
            }
        )
    edges = [
        {
            "id": f"e{i}",
            "from": e.source,
            "to": e.target,
            "label": e.label,
            "p": e.predicate,
        }
        for i, e in enumerate(model.edges)
    ]
    physics = len(nodes) <= PHYSICS_LIMIT
    return {
        "title": title,
        "lang": lang,
        "physics": physics,
        # a group without a style of its own is a scale of concepts (nature, stance, clarity):
        # its nodes link every signal, so they are big, but they are no landmark of the picture
        "groups": [
            {"name": g, "color": c, "shape": s, "landmark": g in STYLES}
            for g, (c, s) in zip(groups, styles, strict=True)
        ],
        "nodes": nodes,
        "edges": edges,
        "options": options(physics),
        "cards": cards,
    }


def view_script(physics: bool) -> str:
    """The page's own script. A small view runs ``view.js``. A big one (positions laid out,
    physics off) runs ``picture.js``, which draws a first picture of the graph from the data and
    then runs ``view.js``, inserted in its place: small views keep their bytes."""
    if physics:
        return asset("view.js")
    # picture.js has one place for view.js (tests/test_view.py splits it there)
    return asset("picture.js").replace(VIEW_JS, asset("view.js"), 1)


def render_data(data: dict[str, Any]) -> str:
    """The page of a view's data (``page_data``, or a pyvis ``Network``'s nodes, edges and
    options put in its place: ``views.network.network_data``)."""
    return render_page(
        Page(
            title=str(data["title"]),
            body=asset("view.html"),
            data=data,
            scripts=(vis_asset("vis-network.min.js"), view_script(bool(data["physics"]))),
            styles=(vis_asset("vis-network.css"), asset("view.css")),
            lang=str(data["lang"]),
        )
    )
