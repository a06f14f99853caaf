"""Network views in a real headless Chromium (Debian's ``chromium``, driven by playwright).

Set ``POLICYGRAPH_SCREENSHOT=1`` to (re)write ``docs/overview.png`` from the SASAC overview.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.chromium import OpenedPage

from benchmarks.bench_views import synthetic_store
from policygraph.build import build
from policygraph.project import Project
from policygraph.store import MemoryStore
from policygraph.views.api import build_model, render_model

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCS = Path(__file__).resolve().parent.parent / "docs"
HE_QING = "https://w3id.org/policygraph/id/person-he-qing"


class Opened(OpenedPage):
    """A network view opened in Chromium."""

    def drawn(self) -> tuple[set[str], set[tuple[str, str, str]]]:
        nodes = self.page.evaluate("window.policygraphData.nodes.getIds()")
        edges = self.page.evaluate(
            "window.policygraphData.edges.get().map(e => [e.from, e.label, e.to])"
        )
        return set(nodes), {tuple(e) for e in edges}

    def click_node(self, node: str) -> None:
        """Centre the view on the node, then a real mouse click on its place on the canvas."""
        where = self.page.evaluate(
            """id => { const n = window.policygraphNetwork;
                       const p = n.getPositions([id])[id];
                       n.moveTo({position: p, scale: 1.0, animation: false});
                       return n.canvasToDOM(p); }""",
            node,
        )
        box = self.page.locator("#pg-network").bounding_box()
        self.page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])

    def card_text(self) -> str:
        self.page.wait_for_selector("#pg-panel:not([hidden])", timeout=5000)
        return str(self.page.locator("#pg-card").inner_text())


@pytest.fixture(scope="module")
def sasac(browser: Any, sasac_project: Project) -> Iterator[Opened]:
    opened = Opened(browser, sasac_project.overview_path)
    yield opened
    opened.page.close()


def test_overview_stays_offline_and_quiet(sasac: Opened) -> None:
    assert sasac.requests == [sasac.url]
    assert [m for m in sasac.console if m.startswith("error")] == []


def test_drawn_network_is_the_selection(sasac: Opened, sasac_store: MemoryStore) -> None:
    _, model, _ = build_model(sasac_store)
    nodes, edges = sasac.drawn()
    assert nodes == set(model.nodes)
    assert edges == {(e.source, e.label, e.target) for e in model.edges}
    arrows = """Object.values(window.policygraphNetwork.body.edges).map(
        e => e.options.arrows.to.enabled)"""
    assert set(sasac.page.evaluate(arrows)) == {True}  # from the global edges.arrows option


def test_clicking_he_qing_shows_his_posts(sasac: Opened) -> None:
    sasac.click_node(HE_QING)
    text = sasac.card_text()
    assert text.startswith("He Qing")
    assert "POSTS" in text.upper()
    assert "director, Shanghai State-owned Assets Supervision" in text
    assert "party committee secretary, Party Committee of Shanghai SASAC" in text
    assert "SASAC Director He Qing laid out the marching orders." in text
    if os.environ.get("POLICYGRAPH_SCREENSHOT"):
        sasac.page.screenshot(path=str(DOCS / "overview.png"))


@pytest.mark.parametrize("typed", ["贺青", "he qing", "Hè Qīng", "HEQING"])
def test_search_finds_by_any_name(sasac: Opened, typed: str) -> None:
    sasac.page.fill("#pg-search", typed)
    sasac.page.press("#pg-search", "Enter")
    assert sasac.card_text().startswith("He Qing")
    assert sasac.page.evaluate("window.policygraphNetwork.getSelectedNodes()") == [HE_QING]


def test_hostile_labels_run_nothing(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "hostile", root)
    build(Project(root))
    opened = Opened(browser, Project(root).overview_path)
    try:
        page = opened.page
        opened.click_node("https://w3id.org/policygraph/id/org-hostile-img")
        assert opened.card_text().startswith("<img src=x onerror=alert(1)>")
        box = page.locator("#pg-network").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2 + 3, box["y"] + box["height"] / 2 + 3)
        tooltip = page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text().startswith("<img src=x onerror=alert(1)>")
        page.fill("#pg-search", "alert")
        page.wait_for_selector("#pg-hits li")
        page.hover("#pg-hits li")
        opened.click_node("https://w3id.org/policygraph/id/person-hostile")
        assert opened.card_text().startswith("</script><script>alert(1)</script>")
        page.mouse.move(10, 10)
        assert opened.dialogs == []
        assert page.locator("img, svg, #injected, a[href]").count() == 0
        assert page.locator("script").count() == 3
        assert opened.requests == [opened.url]
        assert [m for m in opened.console if m.startswith("error")] == []
    finally:
        opened.page.close()


def test_five_thousand_nodes_draw_and_respond(browser: Any, tmp_path: Path) -> None:
    facts, model, _ = build_model(synthetic_store(5000))
    path = tmp_path / "big.html"
    path.write_text(render_model(facts, model, title="5,000 nodes"), encoding="utf-8")
    opened = Opened(browser, path)  # how fast: tests.benchmarks.bench_views and bench_draw
    try:
        nodes, _ = opened.drawn()
        assert len(nodes) == len(model.nodes) >= 4900
        measured = """id => window.policygraphNetwork.getConnectedEdges(id).map(
            e => window.policygraphNetwork.body.edges[e].labelModule.size.width > 0)"""
        target = "https://w3id.org/policygraph/id/signal-77"
        assert set(opened.page.evaluate(measured, target)) == {False}  # too small to draw
        opened.page.fill("#pg-search", "Official 1234")
        opened.page.press("#pg-search", "Enter")
        assert opened.card_text().startswith("Official 1234")
        opened.click_node(target)
        assert opened.card_text().startswith("Signal 77")
        opened.page.wait_for_function(f"({measured})({target!r}).every(Boolean)")  # drawn
    finally:
        opened.page.close()


def test_a_view_shows_in_a_notebook_frame(browser: Any, tmp_path: Path) -> None:
    from policygraph.views import make_view

    notebook = tmp_path / "notebook.html"
    cell = make_view(synthetic_store(60), title="in a notebook")._repr_html_()
    notebook.write_text(f"<!DOCTYPE html><html><body>{cell}</body></html>", encoding="utf-8")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(notebook.as_uri())
        # the frame is the iframe element's (waited for: a busy machine may not have made its
        # document by the time the page's own load ends)
        frame = page.wait_for_selector("iframe", state="attached", timeout=20000).content_frame()
        assert frame is not None
        frame.wait_for_selector('body[data-ready="1"]', state="attached", timeout=20000)
        assert frame.url == "about:srcdoc"
        assert frame.inner_text("#pg-title") == "in a notebook"
        assert requests == [notebook.as_uri()]  # the frame's page is inline (srcdoc)
    finally:
        page.close()


#: Run in the page before its scripts: when the picture mark is set, keep what the picture
#: shows (its canvas is removed once vis-network has drawn) at the first 200 nodes' places,
#: placed by the frame the picture reports.
PICTURE_PROBE = """
new MutationObserver(function (records, observer) {
  if (!document.body || !document.body.hasAttribute("data-picture")) return;
  observer.disconnect();
  var canvas = document.getElementById("pg-picture");
  var ctx = canvas.getContext("2d"), ratio = window.devicePixelRatio;
  var frame = window.policygraphPicture, box = canvas.getBoundingClientRect();
  var net = document.getElementById("pg-network").getBoundingClientRect();
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  function pixel(x, y) {
    return Array.from(ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data);
  }
  window.pgProbe = {
    readyYet: document.body.hasAttribute("data-ready"),
    box: [box.left - net.left, box.top - net.top, box.width, box.height, net.width, net.height],
    size: [canvas.width, canvas.height], ratio: ratio, corner: pixel(2, 2),
    nodes: data.nodes.slice(0, 200).map(function (n) {
      var x = (n.x - frame.position.x) * frame.scale + box.width / 2;
      var y = (n.y - frame.position.y) * frame.scale + box.height / 2;
      return { id: n.id, color: n.color, x: x, y: y, pixel: pixel(x, y) };
    })
  };
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-picture"] });
"""


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.mark.parametrize("ratio", [1, 2])
def test_a_big_view_shows_a_picture_first_framed_as_the_network(
    browser: Any, tmp_path: Path, ratio: int
) -> None:
    """A big view (positions laid out) paints a plain picture before vis-network has built its
    objects; the picture's dots are where the network then draws its nodes, at the device's
    pixel ratio, and the picture is gone once the network is drawn."""
    facts, model, _ = build_model(synthetic_store(2000))
    path = tmp_path / "big.html"
    path.write_text(render_model(facts, model, title="2,000 nodes"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=ratio)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.add_init_script(PICTURE_PROBE)
        page.goto(path.as_uri())
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=20000)
        probe = page.evaluate("window.pgProbe")
        picture_at, ready_at = page.evaluate(
            "[window.policygraphPictureAt, window.policygraphReadyAt]"
        )
        assert not probe["readyYet"] and 0 < picture_at < ready_at
        assert page.get_attribute("body", "data-picture") == "1"
        left, top, width, height, net_width, net_height = probe["box"]
        assert (left, top, width, height) == (0, 0, net_width, net_height)
        assert probe["ratio"] == ratio
        assert probe["size"] == [round(width * ratio), round(height * ratio)]
        assert probe["corner"] == [0, 0, 0, 0]  # nothing drawn in the margin
        nodes = probe["nodes"]
        assert len(nodes) == 200
        on_dot = [n for n in nodes if n["pixel"][:3] == list(_rgb(n["color"]))]
        assert len(on_dot) >= 160, "most nodes are a dot of their colour in the picture"
        assert all(n["pixel"][3] > 0 for n in nodes)
        assert page.locator("#pg-picture").count() == 0  # gone once the network has drawn
        where = page.evaluate(
            """ids => { const net = window.policygraphNetwork, at = net.getPositions(ids);
                        return ids.map(id => net.canvasToDOM(at[id])); }""",
            [n["id"] for n in nodes],
        )
        for node, drawn in zip(nodes, where, strict=True):
            assert abs(drawn["x"] - node["x"]) < 1 and abs(drawn["y"] - node["y"]) < 1, node
        assert page.evaluate("window.policygraphNetwork.getScale()") == pytest.approx(
            page.evaluate("window.policygraphPicture.scale")
        )
        page.fill("#pg-search", "Official 12")
        page.wait_for_selector("#pg-hits li", timeout=5000)
        assert errors == []
    finally:
        page.close()


def test_a_small_view_draws_no_picture(sasac: Opened) -> None:
    assert sasac.page.evaluate("window.policygraphPicture === undefined")
    assert sasac.page.get_attribute("body", "data-picture") is None
    assert sasac.page.locator("#pg-picture").count() == 0


def _synthetic_view(browser: Any, tmp_path: Path, size: int) -> Opened:
    facts, model, _ = build_model(synthetic_store(size))
    path = tmp_path / f"view-{size}.html"
    path.write_text(render_model(facts, model, title=f"{size} nodes"), encoding="utf-8")
    return Opened(browser, path)


@pytest.mark.parametrize("size", [250, 400])  # 400: a big view, laid out with physics off
def test_a_fitted_view_keeps_its_biggest_labels_readable(
    browser: Any, tmp_path: Path, size: int
) -> None:
    """A graph of a few hundred nodes is fitted at a scale where vis-network draws no label; of
    the twelve biggest nodes, those whose labels would not cover one another's get a font that
    is at least 11 px on screen (landmarks); every other node keeps its font."""
    opened = _synthetic_view(browser, tmp_path, size)
    try:
        found = opened.page.evaluate(
            """() => { const n = window.policygraphNetwork;
                       const data = JSON.parse(document.getElementById("pg-data").textContent);
                       const landmark = {};
                       data.nodes.forEach(d => { landmark[d.id] = data.groups[d.g].landmark; });
                       const ids = Object.keys(n.body.nodes);
                       return { scale: n.getScale(), nodes: ids.map(id => [id,
                         n.body.nodes[id].options.size, n.body.nodes[id].options.font.size,
                         landmark[id]]) }; }"""
        )
        scale, nodes = found["scale"], found["nodes"]
        assert 14 * scale < 11, "the view must be one whose labels vis-network would not draw"
        # the biggest nodes of the groups that are no scale of concepts (nature, stance ...)
        nodes.sort(key=lambda n: (not n[3], -n[1], n[0]))
        hubs, rest = nodes[:12], nodes[12:]
        assert all(n[3] for n in hubs)
        marks = [n for n in hubs if n[2] > 14]
        assert len(marks) >= 4, "most of the biggest nodes are landmarks"
        assert all(font * scale >= 11 and font * scale < 12.5 for _, _, font, _ in marks)
        assert {font for _, _, font, _ in [*rest, *(n for n in hubs if n not in marks)]} == {14}
        boxes = opened.page.evaluate(
            """ids => ids.map(id => { const s = window.policygraphNetwork.body.nodes[id]
                                        .labelModule.size;
                                      return [s.left, s.top, s.width, s.height]; })""",
            [n[0] for n in marks],
        )
        assert all(w > 0 for _, _, w, _ in boxes)  # drawn
        for i, (x1, y1, w1, h1) in enumerate(boxes):  # and none covers another
            for x2, y2, w2, h2 in boxes[i + 1 :]:
                assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
        ids = [n[0] for n in marks]
        fonts = (
            """ids => ids.map(id => window.policygraphNetwork.body.nodes[id].options.font.size)"""
        )
        zoom = """s => { const n = window.policygraphNetwork;
                         n.moveTo({scale: s, animation: false}); n.redraw(); }"""
        wraps = """ids => ids.map(id =>
            window.policygraphNetwork.body.nodes[id].options.widthConstraint.maximum || 0)"""
        widths = opened.page.evaluate(wraps, ids)
        assert all(155 <= w * scale <= 165 for w in widths)  # long names wrap at about 160 px
        opened.page.evaluate(zoom, 1.0)  # zoomed in: the landmarks are ordinary labels again
        opened.page.wait_for_function(f"({fonts})({ids!r}).every(f => f === 14)")
        assert set(opened.page.evaluate(wraps, ids)) == {0}
        opened.page.evaluate(zoom, scale)  # and out again: landmarks
        opened.page.wait_for_function(f"({fonts})({ids!r}).some(f => f > 14)")
    finally:
        opened.page.close()


def test_a_view_readable_as_fitted_keeps_every_font(browser: Any, tmp_path: Path) -> None:
    opened = _synthetic_view(browser, tmp_path, 8)
    try:
        scale = opened.page.evaluate("window.policygraphNetwork.getScale()")
        fonts = opened.page.evaluate(
            """() => Object.values(window.policygraphNetwork.body.nodes)
                     .map(n => n.options.font.size)"""
        )
        assert 14 * scale >= 11, f"fitted at {scale:.2f}: its labels are readable as they are"
        assert set(fonts) == {14}
    finally:
        opened.page.close()
