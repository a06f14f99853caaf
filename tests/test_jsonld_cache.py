"""``build`` keeps each named graph's JSON-LD in its cache and writes again only the graphs that
changed: the document is byte for byte the one made without the cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from policygraph.build import build_graphs, load_project
from policygraph.export.jsonld import CACHE_NAME, to_jsonld
from policygraph.graphset import GraphSet
from policygraph.project import Project


@pytest.fixture(scope="module")
def graphs(multi_project: Project) -> GraphSet:
    return build_graphs(multi_project, load_project(multi_project))


def test_cached_document_is_the_uncached_one(graphs: GraphSet, tmp_path: Path) -> None:
    plain = to_jsonld(graphs)
    assert to_jsonld(graphs, tmp_path) == plain  # cold: every graph made, and kept
    kept = (tmp_path / CACHE_NAME).read_bytes()
    assert to_jsonld(graphs, tmp_path) == plain  # warm: every graph from the cache
    assert (tmp_path / CACHE_NAME).read_bytes() == kept  # nothing new to keep


def test_a_changed_graph_is_made_again(graphs: GraphSet, tmp_path: Path) -> None:
    to_jsonld(graphs, tmp_path)
    name, _ = graphs.named()[-1]
    changed = GraphSet()
    for graph, triples in graphs.graphs.items():
        changed.add((s, p, o, graph) for s, p, o in triples)
    note = (URIRef("https://w3id.org/policygraph/id/x"), URIRef("http://x/p"), Literal("new"))
    changed.add([(*note, name)])
    assert to_jsonld(changed, tmp_path) == to_jsonld(changed)
    assert '"new"' in to_jsonld(changed, tmp_path)


def test_a_damaged_cache_is_made_again(graphs: GraphSet, tmp_path: Path) -> None:
    to_jsonld(graphs, tmp_path)
    path = tmp_path / CACHE_NAME
    path.write_bytes(path.read_bytes().replace(b'"@id"', b'"@ID"', 1))
    assert to_jsonld(graphs, tmp_path) == to_jsonld(graphs)


def test_the_cache_holds_across_processes(multi_project: Project, tmp_path: Path) -> None:
    """A graph's triples are a set, iterated in another order by each process (string hashes
    are salted): the key must not depend on it, or no build would find what the last one kept."""
    script = (
        "import sys; from pathlib import Path; from policygraph.project import Project; "
        "from policygraph.build import build_graphs, load_project; "
        "from policygraph.export.jsonld import to_jsonld; "
        "p = Project(Path(sys.argv[1])); g = build_graphs(p, load_project(p)); "
        "to_jsonld(g, Path(sys.argv[2]))"
    )
    path = tmp_path / CACHE_NAME
    times = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        args = [sys.executable, "-c", script, str(multi_project.root), str(tmp_path)]
        subprocess.run(args, env=env, check=True)
        times.append(path.stat().st_mtime_ns)
    assert times[0] == times[1]  # the second process found every graph and wrote nothing
