"""Every read command prints the same bytes on every store, with many sources.

Each command runs through the CLI three times, on the SASAC project: (a) rdflib in memory
(``--graph graph/policygraph.trig``; ``export --from``), (b) the project's embedded Oxigraph
store (the default), and (c) a real Oxigraph SPARQL server on 127.0.0.1 fed by ``push``
(``--endpoint URL``). Standard output and written files must be identical. The one thing
normalised is the output path a command reports ("wrote DIR/x.html"): each store writes into
its own folder, so the folder is replaced by ``OUT`` before comparing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.oxigraph_server import built_quads, oxigraph_server
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.project import Project
from policygraph.store import open_store

pytestmark = pytest.mark.server
runner = CliRunner()
STORES = ("memory", "embedded", "remote")
Same = Callable[..., None]


@pytest.fixture(scope="module", params=["multi", "repository"])
def sasac_root(
    request: pytest.FixtureRequest,
    multi_project: Project,
    repository: Project,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """Every case runs on the fictional multi-source fixture and on a copy of the repository's
    own data (many sources, restatements, partial dates): a triple stated by several sources must
    read the same on every store."""
    if request.param == "multi":
        return multi_project.root
    root = tmp_path_factory.mktemp("every-store-repository") / "repo"
    for name in ("data", "graph"):
        shutil.copytree(repository.root / name, root / name)
    return root


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory, sasac_root: Path) -> Iterator[str]:
    """One Oxigraph server for the module, holding the pushed SASAC dataset; stopped after."""
    with oxigraph_server(
        tmp_path_factory.mktemp("every-store-server"), union_default_graph=False
    ) as url:
        pushed = runner.invoke(app, ["push", "--endpoint", url, "--project", str(sasac_root)])
        assert pushed.exit_code == 0, pushed.stderr
        assert f"pushed {built_quads(sasac_root)} triples" in pushed.stdout
        yield url


@pytest.fixture(scope="module")
def embedded_is_oxigraph(sasac_root: Path) -> None:
    """The default store really is the embedded Oxigraph one (not the memory fallback)."""
    store = open_store(Project(sasac_root))
    try:
        assert store.kind == "oxigraph"
    finally:
        store.close()


def store_options(store: str, command: str, sasac_root: Path, endpoint: str) -> list[str]:
    if store == "memory":
        flag = "--input"
        return [flag, str(sasac_root / "graph" / "policygraph.trig")]
    if store == "remote":
        return ["--endpoint", endpoint]
    return []


def run_everywhere(
    args: list[str],
    sasac_root: Path,
    endpoint: str,
    tmp_path: Path,
    output: str | None = None,
    code: int = 0,
) -> dict[str, tuple[str, str, bytes | None]]:
    """stdout, stderr (output folder replaced by OUT) and the written file's bytes, per store."""
    outputs: dict[str, tuple[str, str, bytes | None]] = {}
    for store in STORES:
        folder = Path(tempfile.mkdtemp(prefix=store, dir=tmp_path))
        extra = ["-o", str(folder / output)] if output else []
        argv = [*args, *extra, "--project", str(sasac_root)]
        argv += store_options(store, args[0], sasac_root, endpoint)
        result = runner.invoke(app, argv)
        assert result.exit_code == code, (store, argv, result.stderr)
        written = (folder / output).read_bytes() if output and code == 0 else None
        outputs[store] = (
            result.stdout.replace(str(folder), "OUT"),
            result.stderr.replace(str(folder), "OUT"),
            written,
        )
    return outputs


def assert_same(outputs: dict[str, tuple[str, str, bytes | None]]) -> None:
    stdout, stderr, written = outputs["memory"]
    assert stdout.strip() or stderr.strip() or written, "nothing to compare"
    for store in ("embedded", "remote"):
        assert outputs[store][0] == stdout, f"{store} stdout differs from memory"
        assert outputs[store][1] == stderr, f"{store} stderr differs from memory"
        assert outputs[store][2] == written, f"{store} file differs from memory"


HE_QING = "pgr:person-he-qing"
EVENT = "pgr:event-2025-07-10-sh-sasac-study-session"
MANDATE_2 = "pgr:signal-2025-07-10-sh-sasac-mandate-2"

# Each query orders its rows completely: without ORDER BY, SPARQL leaves the order to the engine,
# and `<` between literals of different language tags is undefined (rdflib sorts by tag, Oxigraph
# by text), so labels are ordered by lang() then str(). These are the user's choices, not ours.
AD_HOC = {
    "labels-every-language": "SELECT ?p ?l WHERE { ?p a foaf:Person ; skos:prefLabel ?l } "
    "ORDER BY ?p lang(?l) str(?l)",
    "typed-literals": "SELECT ?s ?day ?c ?seq WHERE { ?s a pg:PolicySignal ; pg:issuedOn ?day ; "
    "pg:confidence ?c OPTIONAL { ?s pg:sequence ?seq } } ORDER BY ?s",
    "per-graph-counts": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
    "GROUP BY ?g ORDER BY ?g",
    "quotes": "SELECT ?s ?quote WHERE { ?s pg:evidence/oa:hasSelector/oa:exact ?quote } "
    "ORDER BY ?s ?quote",
    "optional-unbound": "SELECT ?e ?d ?org ?end WHERE { ?e a schema:Event "
    "OPTIONAL { ?e schema:startDate ?d } OPTIONAL { ?e schema:organizer ?org } "
    "OPTIONAL { ?e schema:endDate ?end } } ORDER BY ?e",
    "ask": "ASK { pgr:person-he-qing a foaf:Person }",
    # FROM and FROM NAMED name the store's own graphs, on every store (nothing is fetched)
    "from-one-graph": "SELECT (COUNT(*) AS ?n) FROM pgg:ref WHERE { ?s ?p ?o }",
    "from-named": "SELECT ?g (COUNT(*) AS ?n) FROM NAMED pgg:ref FROM NAMED pgg:curation "
    "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
}

NAMED = {  # every packaged query; parameters as their examples, and defaults where optional
    "briefing-themes": ["event=" + EVENT],
    "curation-additions": [],
    "entity-names": ["entity=He Qing"],
    "entity-names-zh": ["entity=上海国资委"],
    "evidence": ["claim=" + MANDATE_2],
    "expected-roles": [],
    "mandates-to-audience": ["audience=SOEs"],
    "mandates-to-audience-all": [],
    "meeting-participants": ["event=" + EVENT],
    "posts-as-of": ["person=贺青", "date=2025-07-31"],
    "posts-as-of-all": ["person=heqing"],
    "review-queue": [],
    "sectors-targeted": [],
    "signal-goals": [],
    "signals-by-issuer": ["issuer=SASAC Party Committee"],
    "signals-on-topic": ["topic=digital currency"],
    "sources": [],
    "stance-shifts": [],
}


@pytest.fixture
def same(sasac_root: Path, endpoint: str, tmp_path: Path, embedded_is_oxigraph: None) -> Same:
    def check(args: list[str], output: str | None = None, code: int = 0) -> None:
        assert_same(run_everywhere(args, sasac_root, endpoint, tmp_path, output, code))

    return check


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "tsv", "xml", "markdown"])
@pytest.mark.parametrize("name", sorted(AD_HOC))
def test_query_ad_hoc(same: Same, name: str, fmt: str) -> None:
    same(["query", AD_HOC[name], "--format", fmt])


def test_query_with_labels_and_a_param(same: Same) -> None:
    same(["query", "SELECT ?p WHERE { ?p a foaf:Person } ORDER BY ?p", "--labels", "--lang", "zh"])
    same(
        [
            "query",
            "SELECT ?l WHERE { ?x skos:prefLabel ?l } ORDER BY lang(?l) str(?l)",
            "--param",
            "x=" + HE_QING,
            "--format",
            "csv",
        ]
    )


def test_query_construct(same: Same) -> None:
    construct = (
        "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s a pg:PolicySignal ; skos:prefLabel ?l }"
    )
    same(["query", construct, "--format", "turtle"])


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("name", sorted(NAMED))
def test_query_named(same: Same, name: str, fmt: str) -> None:
    params = [arg for pair in NAMED[name] for arg in ("--param", pair)]
    query = name.removesuffix("-zh").removesuffix("-all")
    same(["query", "--name", query, *params, "--format", fmt])


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize(
    "entity", ["He Qing", "贺青", "SASAC Party Committee", MANDATE_2, "stablecoin"]
)
def test_show(same: Same, entity: str, fmt: str) -> None:
    same(["show", entity, "--format", fmt])


def test_show_in_chinese(same: Same) -> None:
    same(["show", "heqing", "--lang", "zh"])


@pytest.mark.parametrize(
    "args", [["sasac"], ["稳定"], ["sasac", "--type", "Organization"], ["hè qīng"], ["li"]]
)
def test_search(same: Same, args: list[str]) -> None:
    same(["search", *args])


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--focus", "贺青", "--depth", "1"],
        ["--type", "foaf:Person", "--type", "org:Organization", "--lang", "zh"],
        ["--query", "meeting-participants"],
        ["--top", "15", "--size", "pagerank"],
        ["--raw"],
        ["--source", "ffc-sasac-crypto-study"],
        ["--min-support", "1"],
    ],
)
def test_view(same: Same, args: list[str]) -> None:
    same(["view", *args], output="view.html")


@pytest.mark.parametrize(
    "ext", ["ttl", "trig", "nt", "nq", "jsonld", "rdf", "graphml", "gexf", "zip"]
)
def test_export(same: Same, ext: str) -> None:
    same(["export"], output=f"graph.{ext}")


def test_export_one_graph_and_a_construct(same: Same) -> None:
    same(["export", "--named-graph", "ref", "--format", "turtle"])
    same(
        [
            "export",
            "--query",
            "CONSTRUCT { ?s pg:issuer ?o } WHERE { ?s pg:issuer ?o }",
            "--format",
            "nt",
        ]
    )


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_stats(same: Same, fmt: str) -> None:
    same(["stats", "--format", fmt])


@pytest.mark.parametrize(
    "args",
    [
        ["--by", "degree"],
        ["--by", "pagerank", "--top", "20"],
        ["--by", "betweenness", "--type", "foaf:Person"],
    ],
)
def test_rank(same: Same, args: list[str]) -> None:
    same(["rank", *args])


@pytest.mark.parametrize(
    "args",
    [
        ["He Qing", "supply chain finance"],
        ["Li Mingliang", "贺青"],
        ["He Qing", "supply chain finance", "--all", "--max-length", "3"],
    ],
)
def test_path(same: Same, args: list[str]) -> None:
    same(["path", *args])


def test_errors_alike(same: Same) -> None:
    """Bad input reads the same, with the same exit code, whatever the store."""
    same(["path", "He Qing", "Guotai Haitong Securities", "--max-length", "2"], code=4)
    same(["show", "Committee"], code=4)
    same(["show", "Xi Nobody"], code=4)
    same(["view", "--focus", "Zhang San"], output="view.html", code=4)
    same(["query", "--name", "posts-as-of", "--param", "person=Nobody At All"], code=4)


@pytest.mark.parametrize(
    "args",
    [["--format", "table"], ["--format", "csv"], ["--format", "json"], ["--topic", "stablecoin"]],
)
def test_timeline(same: Same, args: list[str]) -> None:
    same(["timeline", *args])


def test_timeline_html(same: Same) -> None:
    same(["timeline", "--format", "html"], output="timeline.html")
