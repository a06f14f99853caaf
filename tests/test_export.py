"""``policygraph export``: formats, selection, golden files, safe writes and bad input."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from policygraph.cli import app
from policygraph.errors import InputError
from policygraph.export import FORMATS, export, format_for, write
from policygraph.export.jsonld import compact
from policygraph.project import Project
from policygraph.store import MemoryStore, union_store
from policygraph.vocab import PREFIXES

runner = CliRunner()
TEXT_FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "xml", "graphml", "gexf")
GOLDEN_NAMES = {
    "turtle": "sasac.ttl",
    "trig": "sasac.trig",
    "nt": "sasac.nt",
    "nq": "sasac.nq",
    "jsonld": "sasac.jsonld",
    "xml": "sasac.rdf",
    "graphml": "sasac.graphml",
    "gexf": "sasac.gexf",
}


def cli(*args: str, project: Project) -> Result:
    return runner.invoke(app, ["export", "--project", str(project.root), *args])


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_sasac_export_matches_golden(
    fmt: str, sasac_store: MemoryStore, golden: Callable[[str, str], None]
) -> None:
    first = export(sasac_store, fmt).files[""]
    again = export(sasac_store, fmt).files[""]
    assert first == again
    golden(f"export/{GOLDEN_NAMES[fmt]}", first.decode("utf-8"))


def test_csv_zip_is_byte_stable(sasac_store: MemoryStore, tmp_path: Path) -> None:
    paths = [tmp_path / "a.zip", tmp_path / "b.zip"]
    for path in paths:
        write(export(sasac_store, "csv"), path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    with zipfile.ZipFile(paths[0]) as archive:
        assert archive.namelist() == ["edges.csv", "nodes.csv"]
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_turtle_declares_only_project_prefixes(sasac_store: MemoryStore) -> None:
    text = export(sasac_store, "turtle").files[""].decode()
    prefixes = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix")]
    assert prefixes and not any(p.startswith("ns") for p in prefixes)
    assert set(prefixes) <= {f"{name}:" for name in PREFIXES}


def test_stdout_by_default_and_format_from_extension(
    sasac_project: Project, tmp_path: Path
) -> None:
    result = cli(project=sasac_project)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("@prefix")
    out = tmp_path / "graph.jsonld"
    result = cli("-o", str(out), project=sasac_project)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith('{\n  "@context"')
    assert result.stderr == ""  # jsonld keeps named graphs


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("x.ttl", "turtle"),
        ("x.trig", "trig"),
        ("x.nt", "nt"),
        ("x.nq", "nq"),
        ("x.jsonld", "jsonld"),
        ("x.rdf", "xml"),
        ("x.xml", "xml"),
        ("x.graphml", "graphml"),
        ("x.gexf", "gexf"),
        ("x.zip", "csv"),
        ("x.csv", "csv"),
        ("folder/", "csv"),
        ("-", "turtle"),
    ],
)
def test_format_inferred_from_output(name: str, fmt: str) -> None:
    assert format_for(name, None) == fmt


def test_csv_targets_folder_and_pair(sasac_project: Project, tmp_path: Path) -> None:
    result = cli("-o", f"{tmp_path}/tables/", project=sasac_project)
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["edges.csv", "nodes.csv"]
    result = cli("-o", str(tmp_path / "g.csv"), project=sasac_project)
    assert result.exit_code == 0
    assert (tmp_path / "g.nodes.csv").exists() and (tmp_path / "g.edges.csv").exists()


def test_one_named_graph_by_source_id(sasac_project: Project) -> None:
    result = cli("--named-graph", "ffc-sasac-crypto-study", "--format", "nq", project=sasac_project)
    assert result.exit_code == 0
    graphs = {line.rsplit(" ", 2)[-2] for line in result.stdout.splitlines()}
    assert graphs == {"<https://w3id.org/policygraph/graph/src-ffc-sasac-crypto-study>"}
    for name in ("ref", "pgg:curation", "https://w3id.org/policygraph/graph/kos"):
        assert cli("--named-graph", name, project=sasac_project).exit_code == 0


def test_unknown_graph_lists_the_graphs(sasac_project: Project) -> None:
    result = cli("--named-graph", "no-such-source", project=sasac_project)
    assert result.exit_code == 4
    assert "pgg:src-ffc-sasac-crypto-study" in result.stderr


def test_construct_query_export(sasac_project: Project) -> None:
    query = "CONSTRUCT { ?s pg:issuer ?o } WHERE { ?s a pg:PolicySignal ; pg:issuer ?o }"
    result = cli("--query", query, "--format", "nt", project=sasac_project)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all("<https://w3id.org/policygraph/ns#issuer>" in line for line in lines)
    assert lines == sorted(lines)
    assert result.stderr == ""  # one graph: nothing merged


def test_named_query_from_project(tmp_path: Path, sasac_project: Project) -> None:
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "issuers.rq").write_text(
        "CONSTRUCT { ?s pg:issuer ?o } WHERE { ?s pg:issuer ?o }\n", encoding="utf-8"
    )
    (tmp_path / "data" / "records").mkdir(parents=True)
    result = runner.invoke(
        app,
        [
            "export",
            "--project",
            str(tmp_path),
            "--input",
            str(sasac_project.trig_path),
            "--query",
            "issuers",
            "--format",
            "nt",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "ns#issuer>" in result.stdout


# --- bad input --------------------------------------------------------------------------------


def test_unknown_format_lists_known_ones(sasac_project: Project) -> None:
    result = cli("--format", "docx", project=sasac_project)
    assert result.exit_code == 3
    assert result.stdout == ""
    for fmt in FORMATS:
        assert fmt in result.stderr


def test_unknown_extension_asks_for_format(sasac_project: Project, tmp_path: Path) -> None:
    result = cli("-o", str(tmp_path / "graph.docx"), project=sasac_project)
    assert result.exit_code == 3
    assert "--format" in result.stderr and not (tmp_path / "graph.docx").exists()


def test_bad_query_reported_with_line_and_column(sasac_project: Project) -> None:
    query = "CONSTRUCT { ?s ?p ?o }\nWHERE { ?s ?p ?o"
    result = cli("--query", query, project=sasac_project)
    assert result.exit_code == 5
    assert "--query:2:" in result.stderr and "SPARQL syntax error" in result.stderr
    assert "Traceback" not in result.output


def test_select_query_refused(sasac_project: Project) -> None:
    result = cli("--query", "SELECT * WHERE { ?s ?p ?o }", project=sasac_project)
    assert result.exit_code == 5
    assert "CONSTRUCT" in result.stderr


def test_unknown_named_query(sasac_project: Project) -> None:
    result = cli("--query", "no-such-query", project=sasac_project)
    assert result.exit_code == 4


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "graphml", "gexf"])
def test_merging_formats_say_so_once(fmt: str, sasac_project: Project) -> None:
    result = cli("--format", fmt, project=sasac_project)
    assert result.exit_code == 0
    assert result.stderr.count("merged 6 graphs into one") == 1
    assert result.stderr.count("\n") == 1


def test_csv_merge_note_and_no_note_for_one_graph(sasac_project: Project, tmp_path: Path) -> None:
    result = cli("-o", str(tmp_path / "t.zip"), project=sasac_project)
    assert result.stderr.count("merged") == 1
    result = cli("--named-graph", "ref", "--format", "turtle", project=sasac_project)
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_dataset_formats_do_not_merge(fmt: str, sasac_project: Project) -> None:
    result = cli("--format", fmt, project=sasac_project)
    assert result.exit_code == 0 and result.stderr == ""


def test_csv_to_stdout_refused(sasac_project: Project) -> None:
    result = cli("--format", "csv", project=sasac_project)
    assert result.exit_code == 3
    assert "-o FILE.zip" in result.stderr


# --- safe writes ------------------------------------------------------------------------------


def test_failed_export_leaves_existing_file(sasac_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("previous content\n", encoding="utf-8")
    result = cli("-o", str(out), "--query", "CONSTRUCT { oops", project=sasac_project)
    assert result.exit_code == 5
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_failed_write_leaves_existing_file(
    tmp_path: Path, sasac_store: MemoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("previous content\n", encoding="utf-8")
    rendered = export(sasac_store, "turtle")

    def disk_full(fd: int) -> None:  # fault injection: the disk fills up mid-write
        raise OSError("No space left on device")

    monkeypatch.setattr("os.fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write(rendered, out)
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_refused_character_leaves_existing_file(tmp_path: Path) -> None:
    source = tmp_path / "bell.nt"
    source.write_text(
        "<https://w3id.org/policygraph/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "
        '"bell \\u0007" .\n',
        encoding="utf-8",
    )
    out = tmp_path / "graph.graphml"
    out.write_text("previous content\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "--input", str(source), "-o", str(out)])
    assert result.exit_code == 3
    assert "U+0007" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous content\n"


def test_xml_refuses_characters_it_cannot_carry(tmp_path: Path) -> None:
    from rdflib import Dataset, Literal

    from policygraph.vocab import PGG, PGR, SKOS

    data = Dataset()
    data.add((PGR["x"], SKOS.prefLabel, Literal("bell \x07"), PGG["ref"]))
    store = union_store(data)
    for fmt in ("xml", "graphml", "gexf"):
        with pytest.raises(InputError, match="U\\+0007"):
            export(store, fmt)
    assert "bell \\u0007" in export(store, "nt").files[""].decode()  # N-Triples carries it


def test_declared_namespaces_end_in_a_separator_and_none_holds_another() -> None:
    """What ``jsonld.compact``'s lookup by the last ``/`` or ``#`` relies on."""
    bases = list(PREFIXES.values())
    assert all(base.endswith(("/", "#")) for base in bases)
    assert not [(a, b) for a in bases for b in bases if a != b and b.startswith(a)]


@pytest.mark.parametrize(
    "iri",
    [
        "https://w3id.org/policygraph/resource/person-he-qing",
        "https://w3id.org/policygraph/resource/a/b",  # a local name holding a slash
        "https://w3id.org/policygraph/resource/",  # no local name
        "https://w3id.org/policygraph/resource//x",  # a local name that would read as a path
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://example.org/not/declared",
        "urn:isbn:0451450523",
    ],
)
def test_compact_is_the_first_declaration_that_holds_the_iri(iri: str) -> None:
    first = next(
        (
            f"{prefix}:{iri[len(base) :]}"
            for prefix, base in PREFIXES.items()
            if iri.startswith(base) and iri[len(base) :] and not iri[len(base) :].startswith("//")
        ),
        iri,
    )
    assert compact(iri) == first
