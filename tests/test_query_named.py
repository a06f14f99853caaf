"""Every named query runs on the SASAC graph, in rdflib's store and in Oxigraph, and matches its
golden file (tests/golden/queries/<name>.json, rows sorted). The rows were checked by hand
against data/sources/ffc-sasac-crypto-study.txt."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.term import Node
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.names import short_name
from policygraph.project import Project
from policygraph.sparql import QueryResult, check_query, get_query, load_queries, query
from policygraph.sparql.formats import language_tag
from policygraph.store import MemoryStore, Store
from policygraph.stores.union import rebuild_union

NAMES = sorted(load_queries())


def term(node: Node) -> str:
    if isinstance(node, URIRef):
        return short_name(str(node))
    if isinstance(node, Literal):
        if node.language:
            return f"{node}@{language_tag(node.language)}"
        if node.datatype is not None:
            return f"{node}^^{short_name(str(node.datatype))}"
    return str(node)


def as_golden(result: QueryResult) -> str:
    rows = sorted(
        [term(row[var]) if var in row else "" for var in result.variables] for row in result.rows
    )
    return (
        json.dumps({"vars": list(result.variables), "rows": rows}, ensure_ascii=False, indent=1)
        + "\n"
    )


@pytest.fixture(scope="module")
def ox_store(sasac_project: Project) -> Store:
    import pyoxigraph as ox

    from policygraph.stores.oxigraph import OxigraphStore

    inner = ox.Store()
    inner.load(path=str(sasac_project.trig_path), format=ox.RdfFormat.TRIG)
    rebuild_union(inner)  # the default graph holds the union of the named graphs
    return OxigraphStore(inner)


def test_at_least_twelve_named_queries_with_headers() -> None:
    queries = load_queries()
    assert len(queries) >= 12
    for named in queries.values():
        # packaged queries skip the run-time check (for speed): they must pass it here
        assert check_query(named.text).kind == "SELECT", named.name
        assert named.title != named.name and named.description, named.name
        for param in named.params:
            assert param.meaning, (named.name, param.name)


@pytest.mark.parametrize("name", NAMES)
def test_named_query_orders_by_every_column(name: str) -> None:
    """Rows that tie on the sort keys would come out in the engine's storage order, which differs
    between a fresh store and one loaded in steps: every projected variable is a sort key."""
    named = get_query(name)
    select = re.search(r"^SELECT (?:DISTINCT )?(.*)$", named.text, re.M)
    order = re.search(r"^ORDER BY (.*)$", named.text, re.M)
    assert select and order, name
    missing = set(re.findall(r"\?(\w+)", select[1])) - set(re.findall(r"\?(\w+)", order[1]))
    assert not missing, f"{name}: ORDER BY lacks {sorted(missing)}"


@pytest.mark.parametrize("name", NAMES)
def test_named_query_matches_golden(
    name: str, sasac_store: MemoryStore, ox_store: Store, golden: Callable[[str, str], None]
) -> None:
    named = get_query(name)
    params = dict(named.examples)
    in_memory = as_golden(query(sasac_store, named, params))
    golden(f"queries/{name}.json", in_memory)
    assert as_golden(query(ox_store, named, params)) == in_memory, "stores disagree"


def column(name: str, var: str, store: Store, **params: object) -> list[str]:
    result = query(store, get_query(name), params)
    return sorted(term(row[var]) for row in result.rows if var in row)


def test_facts_from_the_article(sasac_store: MemoryStore) -> None:
    event = "pgr:event-2025-07-10-sh-sasac-study-session"
    capacities = query(sasac_store, get_query("meeting-participants"), {"event": event})
    assert sorted((term(r["name"]), term(r["capacityLabel"])) for r in capacities.rows) == [
        ("He Qing@en", "led the meeting@en"),
        ("Li Mingliang@en", "expert briefer@en"),
        ("Wang Zhiping@en", "attended to give guidance@en"),
    ]
    sectors = query(sasac_store, get_query("sectors-targeted"))
    mandate_2 = sorted(
        term(r["sectorLabel"]) for r in sectors.rows if str(r["signal"]).endswith("mandate-2")
    )
    assert mandate_2 == [
        "asset digitalization@en",
        "cross-border trade@en",
        "supply chain finance@en",
    ]
    roles = column("expected-roles", "roleLabel", sasac_store)
    assert roles == ["industrial control@en", "security support@en", "technological innovation@en"]
    assert len(column("signal-goals", "part", sasac_store)) == 5  # the "five centers"


def test_posts_as_of_a_date_before_the_meeting_is_empty(
    sasac_store: MemoryStore, ox_store: Store
) -> None:
    for store in (sasac_store, ox_store):
        assert (
            column("posts-as-of", "organization", store, person="He Qing", date="2025-07-01") == []
        )
        assert len(column("posts-as-of", "organization", store, person="hè qīng")) == 2


def test_any_name_works_as_an_entity_parameter(sasac_store: MemoryStore) -> None:
    for name in ("He Qing", "贺青", "hè qīng", "heqing", "pgr:person-he-qing"):
        assert len(column("posts-as-of", "organization", sasac_store, person=name)) == 2


def test_project_queries_are_added_and_override(tmp_path: Path) -> None:
    (tmp_path / "data" / "records").mkdir(parents=True)
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "people.rq").write_text(
        "# title: People\n# description: Everyone.\nSELECT ?p WHERE { ?p a foaf:Person }\n",
        encoding="utf-8",
    )
    (tmp_path / "queries" / "sources.rq").write_text(
        "# title: My sources\n# description: Mine.\nSELECT ?s WHERE { ?s a schema:NewsArticle }\n",
        encoding="utf-8",
    )
    queries = load_queries(Project(tmp_path))
    assert queries["people"].title == "People"
    assert queries["sources"].title == "My sources"
    result = CliRunner().invoke(app, ["queries", "--project", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "people" in result.stdout and "My sources" in result.stdout


def test_queries_lists_and_shows() -> None:
    runner = CliRunner()
    listing = runner.invoke(app, ["queries"])
    assert listing.exit_code == 0
    for name in NAMES:
        assert name in listing.stdout
    shown = runner.invoke(app, ["queries", "show", "meeting-participants"])
    assert shown.exit_code == 0
    assert shown.stdout.startswith("# title: Who took part in a meeting")
    unknown = runner.invoke(app, ["queries", "show", "participants"])
    assert unknown.exit_code == 4
    assert "did you mean meeting-participants" in unknown.stderr
