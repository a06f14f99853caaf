"""One self-contained, safe, deterministic HTML page for a ``ViewModel``.

The page inlines vis-network 9.1.2 (dual Apache-2.0/MIT, copied from pyvis's package, see
``assets/LICENSE-vis-network``) and policygraph's own script and style. Data travels as JSON in a
``<script type="application/json">`` element with ``<``, ``>``, ``&`` and U+2028/U+2029 escaped,
and the page writes text with ``textContent`` only. A Content-Security-Policy allows the page's
own scripts (by hash) and nothing else: no request can leave the page, and an injected script
would not run.

pyvis's own HTML generation is not used: it loads bootstrap from a CDN, writes ``lib/`` into the
working directory, inserts text unescaped and is quadratic in the number of nodes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from typing import Any

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
    "source document": ("#7f7f7f", "square"),
    "topic": ("#ff7f0e", "hexagon"),
    "sector": ("#e377c2", "hexagon"),
    "goal": ("#8c564b", "hexagon"),
    "expected role": ("#aec7e8", "hexagon"),
}
SPARE = ("#98df8a", "#ffbb78", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#393b79")
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@cache
def asset(name: str) -> str:
    return resources.files("policygraph.views").joinpath("assets", name).read_text("utf-8")


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


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


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def html_page(data: dict[str, Any]) -> str:
    """The whole page as one string."""
    scripts = [asset("vis-network.min.js"), asset("view.js")]
    policy = "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(f"'{_sha256(s)}'" for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    title = html.escape(str(data["title"]))
    lang = html.escape(str(data["lang"]))
    body = asset("view.html").replace("{title}", title)
    return "".join(
        (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{title}</title>\n",
            f"<style>\n{asset('vis-network.css')}\n{asset('view.css')}</style>\n</head>\n",
            body,
            f'<script type="application/json" id="pg-data">{script_json(data)}</script>\n',
            *(f"<script>{s}</script>\n" for s in scripts),
            "</body>\n</html>\n",
        )
    )
