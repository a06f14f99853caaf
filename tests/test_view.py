"""Network views without a browser: selection, folding, safety, determinism, the CLI."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.build import build
from policygraph.cli import app
from policygraph.errors import InputError, shown
from policygraph.page import script_json
from policygraph.project import Project
from policygraph.store import MemoryStore
from policygraph.stores.union import rebuild_union
from policygraph.views import View, make_view, render_view
from policygraph.views.api import build_model
from policygraph.views.layout import layout
from policygraph.views.network import network_data
from policygraph.views.render import render_data

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PGR = "https://w3id.org/policygraph/id/"
HE_QING = PGR + "person-he-qing"
SASAC = PGR + "org-sh-sasac"


def page_data(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page, re.S)
    assert match is not None
    data: dict[str, object] = json.loads(match.group(1))
    return data


def edges_of(page: str) -> set[tuple[str, str, str]]:
    data = page_data(page)
    return {(e["from"], e["label"], e["to"]) for e in data["edges"]}  # type: ignore[attr-defined]


def node_ids(page: str) -> set[str]:
    return {n["id"] for n in page_data(page)["nodes"]}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def overview(sasac_store: MemoryStore) -> str:
    return render_view(sasac_store, title="policygraph overview")


def test_overview_folds_posts_and_drops_plumbing(overview: str) -> None:
    nodes = node_ids(overview)
    assert HE_QING in nodes and SASAC in nodes
    assert not any(".ev" in n or "post-" in n or n.endswith((".p1", ".p2")) for n in nodes)
    assert not any(n.startswith("https://w3id.org/policygraph/graph/") for n in nodes)
    assert "https://w3id.org/policygraph/kos/topic" not in nodes  # a scheme
    assert "https://w3id.org/policygraph/kos/topic.stablecoin" in nodes  # a signal points to it
    assert "https://w3id.org/policygraph/kos/role.director" not in nodes  # folded into an edge
    edges = edges_of(overview)
    assert (HE_QING, "director", SASAC) in edges
    event = PGR + "event-2025-07-10-sh-sasac-study-session"
    assert (HE_QING, "led the meeting", event) in edges
    assert not any(label == "rdf:type" for _, label, _ in edges)


def test_overview_card_has_posts_and_quotes(overview: str) -> None:
    card = page_data(overview)["cards"][HE_QING]  # type: ignore[index]
    assert any("director" in p and "Shanghai State-owned" in p for p in card["posts"])
    assert ["zh", "pref", "贺青"] in card["labels"]
    assert any("SASAC Director He Qing" in q[1] for q in card["quotes"])


def test_same_graph_same_bytes(sasac_store: MemoryStore, overview: str) -> None:
    assert render_view(sasac_store, title="policygraph overview") == overview


def test_build_writes_the_overview(sasac_project: Project, overview: str) -> None:
    committed = sasac_project.overview_path.read_text(encoding="utf-8")
    assert committed == overview, "graph/overview.html is stale: run `policygraph build`"


def test_page_is_self_contained(overview: str) -> None:
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", overview, re.I)
    assert not re.search(r"<link[^>]*href=", overview, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", overview, re.I)
    assert "@import" not in overview
    assert "default-src 'none'" in overview
    assert len(re.findall(r"^<script", overview, re.M)) == 3  # data, vis-network, the view


def test_script_json_escapes_markup() -> None:
    text = script_json({"a": "</script><script>alert(1)</script>&\u2028\u2029<!--"})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text)["a"].startswith("</script>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURES / "hostile", root)
    build(Project(root))
    return Project(root)


def test_hostile_labels_stay_data(hostile: Project) -> None:
    page = hostile.overview_path.read_text(encoding="utf-8")
    body = page.split('id="pg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body
    labels = {n["label"] for n in page_data(page)["nodes"]}  # type: ignore[attr-defined]
    assert "<img src=x onerror=alert(1)>" in labels
    assert "</script><script>alert(1)</script>" in labels
    assert "<img" not in page and "alert(1)</script>" not in page


def test_raw_shows_every_node(sasac_store: MemoryStore) -> None:
    page = render_view(sasac_store, raw=True)
    nodes = node_ids(page)
    assert PGR + "post-he-qing-sasac-director" in nodes
    assert PGR + "post-he-qing-sasac-director.ev1.sel" in nodes
    assert "http://xmlns.com/foaf/0.1/Person" in nodes


def test_focus_depth(sasac_store: MemoryStore) -> None:
    _, one, focus = build_model(sasac_store, focus="贺青", depth=1)
    assert focus == HE_QING
    assert SASAC in one.nodes
    assert PGR + "org-guotai-haitong-securities" not in one.nodes
    _, zero, _ = build_model(sasac_store, focus="He Qing", depth=0)
    assert list(zero.nodes) == [HE_QING]


def test_filters(sasac_store: MemoryStore) -> None:
    _, people, _ = build_model(sasac_store, types=["foaf:Person", "org:Organization"])
    assert HE_QING in people.nodes and SASAC in people.nodes
    assert all("signal-" not in n for n in people.nodes)
    _, top, _ = build_model(sasac_store, top=5)
    assert len(top.nodes) == 5
    _, late, _ = build_model(sasac_store, since="2026-01-01")
    assert all("signal-" not in n for n in late.nodes)
    _, source, _ = build_model(sasac_store, source="ffc-sasac-crypto-study")
    assert PGR + "org-guotai-haitong-securities" not in source.nodes  # a curation fact only
    assert HE_QING in source.nodes


def test_query_select_and_construct(sasac_store: MemoryStore) -> None:
    _, selected, _ = build_model(sasac_store, query="SELECT ?p WHERE { ?p a foaf:Person }")
    assert set(selected.nodes) == {
        HE_QING,
        PGR + "person-li-mingliang",
        PGR + "person-wang-zhiping",
    }
    construct = "CONSTRUCT { ?s pg:issuer ?o } WHERE { ?s pg:issuer ?o }"
    _, built, _ = build_model(sasac_store, query=construct)
    assert {e.label for e in built.edges} == {"issuer"}
    assert PGR + "org-sh-sasac-party-committee" in built.nodes


def test_layout_is_deterministic_and_spread() -> None:
    nodes = [f"n{i}" for i in range(500)]
    edges = [(f"n{i}", f"n{(i * 7 + 3) % 500}") for i in range(500)] + [("n1", "n2")]
    first = layout(nodes, edges)
    assert first == layout(list(reversed(nodes)), list(reversed(edges)))
    assert len(set(first.values())) == len(nodes)


def test_cli_writes_one_file(
    tmp_path: Path, sasac_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "he.html"
    result = CliRunner().invoke(
        app,
        ["view", "-o", str(out), "--focus", "He Qing", "--project", str(sasac_project.root)],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {shown(out)}: 7 nodes, 14 edges\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["he.html"]  # no lib/, no temp files
    assert HE_QING in node_ids(out.read_text(encoding="utf-8"))


def test_cli_errors(tmp_path: Path, sasac_project: Project) -> None:
    root = ["--project", str(sasac_project.root), "-o", str(tmp_path / "x.html")]
    runner = CliRunner()
    missing = runner.invoke(app, ["view", "--focus", "Nobody At All", *root])
    assert missing.exit_code == 4
    assert "no entity is named 'Nobody At All'" in missing.stderr
    bad_size = runner.invoke(app, ["view", "--size", "mass", *root])
    assert bad_size.exit_code == 3
    assert "--size must be one of degree, pagerank" in bad_size.stderr
    bad_date = runner.invoke(app, ["view", "--since", "last week", *root])
    assert bad_date.exit_code == 3
    assert "--since 'last week' is not a date" in bad_date.stderr
    bad_query = runner.invoke(app, ["view", "--query", str(tmp_path / "nope.rq"), *root])
    assert bad_query.exit_code == 4
    bad_sparql = tmp_path / "bad.rq"
    bad_sparql.write_text("SELEC nothing", encoding="utf-8")
    broken = runner.invoke(app, ["view", "--query", str(bad_sparql), *root])
    assert broken.exit_code == 5
    assert not (tmp_path / "x.html").exists()
    assert "Traceback" not in broken.stderr


def test_oxigraph_store_gives_the_same_page(sasac_project: Project, overview: str) -> None:
    import pyoxigraph as ox

    from policygraph.stores.oxigraph import OxigraphStore

    inner = ox.Store()
    inner.load(path=str(sasac_project.trig_path), format=ox.RdfFormat.TRIG)
    rebuild_union(inner)  # the default graph holds the union of the named graphs
    assert render_view(OxigraphStore(inner), title="policygraph overview") == overview


def test_a_view_is_a_pyvis_network(sasac_store: MemoryStore, overview: str) -> None:
    from pyvis.network import Network

    view = make_view(sasac_store, title="policygraph overview")
    net = view.to_pyvis()
    assert isinstance(net, Network) and view.html == overview
    assert (len(net.nodes), len(net.edges)) == (view.nodes, view.edges)
    assert page_data(overview)["nodes"] == net.nodes  # the page draws pyvis's nodes as they are
    # the page is written from the view's own data; from the pyvis Network it is the same bytes
    assert render_data(network_data(net, view.data)) == overview
    with pytest.raises(ValueError, match="make_view"):
        View("<p>a page</p>", 0, 0).to_pyvis()  # made by hand: no data to build it from
    vis = Path(next(iter(find_spec("pyvis").submodule_search_locations)))  # type: ignore[union-attr]
    script = (vis / "templates/lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert f"<script>{script}</script>" in overview  # read from pyvis, not a vendored copy
    frame = view._repr_html_()
    srcdoc = frame.removeprefix('<iframe srcdoc="').split('" sandbox="allow-scripts"')[0]
    assert html.unescape(srcdoc) == overview and "<" not in srcdoc  # escaped, run in its frame


def test_a_big_scale_free_view_is_the_page_of_its_pyvis_network() -> None:
    """Beyond the physics limit (positions final, other options), on a generated scale-free
    graph (hubs, Chinese labels): every node drawn, the same bytes from the pyvis Network, and
    the same page from the same seed."""
    from tests.benchmarks.synthetic_powerlaw import powerlaw_dataset

    from policygraph.store import union_store

    view = make_view(union_store(powerlaw_dataset(400)), title="400")
    assert view.nodes == 400 and view.edges >= 3 * 390 and not view.data["physics"]
    assert render_data(network_data(view.to_pyvis(), view.data)) == view.html
    again = make_view(union_store(powerlaw_dataset(400)), title="400")
    assert again.html == view.html
    hub = max(view.data["nodes"], key=lambda n: (n["size"], n["id"]))
    assert "-agency-" in hub["id"]  # the best-connected nodes are agencies
    assert any(tag == "zh" for tag, _, _ in view.data["cards"][hub["id"]]["labels"])


def test_only_a_big_view_runs_the_first_picture(overview: str) -> None:
    """A big view's own script is picture.js with view.js in its place, allowed by its hash like
    every script; a small view's is view.js itself, as before the picture."""
    from benchmarks.bench_views import synthetic_store
    from policygraph.page import asset, script_hash

    big = make_view(synthetic_store(400), title="400").html
    for page, picture in ((big, True), (overview, False)):
        scripts = re.findall(r"^<script>(.*?)</script>$", page, re.M | re.S)
        assert len(scripts) == 2  # vis-network, the view
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
        assert csp is not None and "'unsafe-inline'" not in csp.group(1).split("; ")[1]
        assert all(script_hash(s) in csp.group(1) for s in scripts)
        assert scripts[1].count(asset("view.js")) == 1
        assert ("pg-picture" in scripts[1]) is picture
        if not picture:
            assert scripts[1] == asset("view.js")
    head, tail = asset("picture.js").split("/* view.js */\n")
    assert big.count(head) == big.count(tail) == 1
    for writes_text in ("fillText", "strokeText", "innerHTML", "insertAdjacentHTML", ".write("):
        assert writes_text not in head + tail  # the picture draws no text from the data


def test_a_plain_view_does_not_import_pyvis(sasac_project: Project, tmp_path: Path) -> None:
    """pyvis (with IPython, jinja2, networkx) costs start-up time; only ``to_pyvis`` needs it."""
    script = (
        "import sys\n"
        "from policygraph.cli import main\n"
        "sys.argv = ['policygraph', 'view', '--input', sys.argv[1], '-o', sys.argv[2]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "heavy = {'pyvis', 'networkx', 'jinja2', 'IPython'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    out = tmp_path / "v.html"
    run = subprocess.run(
        [sys.executable, "-c", script, str(sasac_project.trig_path), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_making_a_view_leaves_the_garbage_collector_as_it_was(sasac_store: MemoryStore) -> None:
    """``make_view`` pauses the cyclic collector while it builds, and restores it even when the
    view fails; a caller that had turned it off keeps it off."""
    import gc

    assert gc.isenabled()
    make_view(sasac_store, top=5)
    assert gc.isenabled()
    with pytest.raises(InputError):
        make_view(sasac_store, size_by="colour")
    assert gc.isenabled()
    gc.disable()
    try:
        make_view(sasac_store, top=5)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_whole_graph_leaves_out_documents_tied_to_nothing_drawn(
    multi_store: MemoryStore,
) -> None:
    # evidence, which ties what a source states to it, is folded away: a report no reading is
    # attributed to is tied to nothing drawn, and the whole graph leaves it out; the article a
    # reading is attributed to stays, and a view focused on the report still draws it
    lone, read = PGR + "doc-fict-sasac-followup-2025-08", PGR + "doc-ffc-sasac-crypto-study"
    _, whole, _ = build_model(multi_store)
    assert lone not in whole.nodes
    assert read in whole.nodes and HE_QING in whole.nodes
    _, focused, _ = build_model(multi_store, focus="pgr:doc-fict-sasac-followup-2025-08")
    assert lone in focused.nodes
