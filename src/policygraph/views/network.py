"""A view as a pyvis ``Network``: nodes, edges and options go through pyvis's API, and the page
inlines the vis-network files of the installed pyvis package (``templates/lib/vis-9.1.2/``).

This is the only module that imports pyvis, and only in ``to_network`` (``View.to_pyvis()``):
pyvis imports IPython, jinja2 and networkx (0.3-0.7 s to start), and building its ``Network``
costs about as much as the rest of a 10,000-node view, so a page is written from the view's own
data, in the form ``to_network`` gives pyvis (``views.render.page_data``), and a test checks that
the page of the pyvis ``Network`` is byte-identical. pyvis renders its own pages from a CDN
template that writes ``lib/`` into the working directory and inserts text unescaped, so
policygraph renders the ``Network`` with its own offline page (``views.render``).

pyvis 0.3.2 checks every new node and edge against a *list* of node ids, which makes building
a graph quadratic (minutes at 10,000 nodes); the network is given a list that answers
membership from a set, the same list otherwise.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

VIS = Path("templates", "lib", "vis-9.1.2")


class _Ids(list[Any]):
    """pyvis's ``node_ids`` list, with membership answered by a set."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


@cache
def vis_asset(name: str) -> str:
    """``vis-network.min.js`` or ``vis-network.css`` from the installed pyvis package."""
    spec = find_spec("pyvis")
    assert spec is not None and spec.submodule_search_locations, "pyvis is a dependency"
    root = Path(next(iter(spec.submodule_search_locations)))
    return (root / VIS / name).read_text("utf-8")


def options(physics: bool) -> dict[str, Any]:
    """vis-network options: physics settles a small view; a big one is drawn where laid out."""
    big = not physics
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        # a white outline keeps a label legible where it crosses edges
        "nodes": {
            "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#333"},
            "font": {"size": 10, "color": "#555", "strokeWidth": 3, "align": "middle"},
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 1,
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "physics": {"enabled": False}
        if big
        else {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -200,
                "springLength": 150,
                "avoidOverlap": 1,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 400,
                "updateInterval": 50,
                "fit": True,
            },
        },
    }


def to_network(data: dict[str, Any]) -> Any:
    """The pyvis ``Network`` of a view's page data (``views.render.page_data``).

    Each node keeps its search keys (``k``) and legend group (``g``), each edge its predicate
    (``p``), which vis-network ignores and the page's search and legend read. pyvis gives each
    edge of a directed network ``arrows: "to"``, which vis-network parses and merges into that
    edge's options one edge at a time; the global ``edges.arrows`` option draws the same
    arrowheads, so the per-edge copy is dropped.
    """
    from pyvis.network import Network

    net = Network(directed=True, heading=str(data["title"]), cdn_resources="in_line")
    net.node_ids = _Ids()
    for n in data["nodes"]:
        net.add_node(
            n["id"],
            label=n["label"],
            shape=n["shape"],
            color=n["color"],
            x=n["x"],
            y=n["y"],
            size=n["size"],
            title=n["title"],
            k=n["k"],
            g=n["g"],
        )
    for e in data["edges"]:
        net.add_edge(e["from"], e["to"], id=e["id"], label=e["label"], p=e["p"])
        del net.edges[-1]["arrows"]  # "to" from pyvis: drawn by the global edges.arrows instead
    net.set_options(json.dumps(options(bool(data["physics"]))))  # pyvis parses it back
    return net


def network_data(net: Any, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with its nodes, edges and options taken from the pyvis ``Network`` ``net``."""
    return {**data, "nodes": net.nodes, "edges": net.edges, "options": net.options}
