"""Hostile RDF files for ``load``: entity bombs, remote JSON-LD contexts, gzip bombs and broken
gzip, oversized files and literals. Each is refused with a message and exit 3, and the store is
left exactly as it was."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph import limits, rdfcheck
from policygraph.cli import app
from policygraph.errors import InputError
from policygraph.stores.maintenance import dump_lines

GOOD = "<http://e/a> <http://e/b> <http://e/c> .\n"

#: The 1.5 KB shape that became a 3-billion-character literal: ten levels of ten references.
ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY a0 "ha">\n'
    + "".join(f'  <!ENTITY a{i} "{f"&a{i - 1};" * 10}">\n' for i in range(1, 10))
    + "]>\n"
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">\n'
    '  <rdf:Description rdf:about="http://e/a"><e:b>&a9;</e:b></rdf:Description>\n'
    "</rdf:RDF>\n"
)


ZIPPED = gzip.compress(GOOD.encode(), mtime=0)


def load(store: Path, *files: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["load", "--store", str(store), *map(str, files)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


@pytest.fixture
def store(tmp_path: Path) -> Path:
    good = tmp_path / "good.nt"
    good.write_text(GOOD, encoding="utf-8")
    root = tmp_path / "store"
    assert load(root, good)[0] == 0
    return root


def dump(store: Path) -> str:
    return "".join(dump_lines(store))


def refused(store: Path, path: Path, message: str) -> None:
    before = dump(store)
    with pytest.raises(InputError, match=message):
        rdfcheck.check_rdf_file(path, _fmt(path))
    code, stderr = load(store, path)
    assert code == 3
    assert re.search(message, stderr), stderr
    assert dump(store) == before


def _fmt(path: Path) -> str:
    from policygraph.stores.base import rdf_format

    return rdf_format(path)


def test_an_rdf_xml_entity_bomb_is_refused(tmp_path: Path, store: Path) -> None:
    path = tmp_path / "bomb.rdf"
    path.write_text(ENTITY_BOMB, encoding="utf-8")
    assert path.stat().st_size < 1600
    refused(store, path, r"bomb.rdf:2:1: RDF/XML with a document type declaration \(<!DOCTYPE")


def test_an_entity_declaration_without_a_doctype_line_is_refused_too(
    tmp_path: Path, store: Path
) -> None:
    path = tmp_path / "entity.rdf.gz"
    path.write_bytes(gzip.compress(b'<?xml version="1.0"?>\n\n  <!ENTITY x "y">\n<rdf:RDF/>'))
    refused(store, path, r"entity.rdf.gz:3:3: RDF/XML with a document type declaration")


def test_rdf_xml_nested_deeper_than_the_limit_is_refused(tmp_path: Path, store: Path) -> None:
    """Oxigraph's RDF/XML parser takes time in the square of the depth (37 s at 50,000)."""
    depth = limits.MAX_XML_DEPTH // 2 + 1
    path = tmp_path / "deep.rdf"
    path.write_text(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">\n'
        + '<rdf:Description rdf:about="http://e/a">'
        + "<e:p><rdf:Description>" * depth
        + "</rdf:Description></e:p>" * depth
        + "</rdf:Description></rdf:RDF>\n"
    )
    refused(store, path, r"deep.rdf:2:\d+: RDF/XML elements nested more than 256 deep")
    shallow = tmp_path / "shallow.rdf"
    shallow.write_text(
        path.read_text()
        .replace("<e:p><rdf:Description>", "", 2)
        .replace("</rdf:Description></e:p>", "", 2)
    )
    assert load(store, shallow)[0] == 0


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ("https://schema.org/", "the JSON-LD @context 'https://schema.org/' would be fetched"),
        (["file:///etc/passwd"], "'file:///etc/passwd' would be fetched over the network"),
        ({"@import": "http://e/ctx"}, "the JSON-LD @import 'http://e/ctx' would be fetched"),
        ("other.jsonld", "'other.jsonld' would be fetched from another file"),
    ],
)
def test_a_json_ld_context_that_would_be_fetched_is_refused(
    tmp_path: Path, store: Path, context: object, message: str
) -> None:
    path = tmp_path / "remote.jsonld"
    document = {"@context": context, "@id": "http://e/x", "http://e/p": "v"}
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    refused(store, path, "remote.jsonld:[23]:")
    assert message in load(store, path)[1]


def test_an_inline_json_ld_context_loads(tmp_path: Path, store: Path) -> None:
    path = tmp_path / "inline.jsonld"
    document = {"@context": {"e": "http://e/"}, "@id": "e:x", "e:p": "v"}
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load(store, path)[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"junk that is not gzip", "not a gzip file"),
        (ZIPPED[:20], "a broken gzip file"),
        (ZIPPED[:12] + b"zzzz" + ZIPPED[16:], "a broken"),
    ],
    ids=["not-gzip", "truncated", "corrupt"],
)
def test_a_broken_gzip_file_is_refused(
    tmp_path: Path, store: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.nt.gz"
    path.write_bytes(content)
    refused(store, path, message)


def test_a_gzip_bomb_is_refused(
    tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_RDF_FILE_BYTES", 1_000_000)
    path = tmp_path / "bomb.nt.gz"
    path.write_bytes(gzip.compress(GOOD.encode() * 40_000))  # 1.6 MB unpacked, 6 KB packed
    refused(store, path, "the file unpacks to more than 1,000,000 bytes")


def test_an_rdf_file_over_the_size_limit_is_refused(
    tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_RDF_FILE_BYTES", 1_000)
    path = tmp_path / "big.nt"
    path.write_text(GOOD * 30, encoding="utf-8")
    refused(store, path, "big.nt: the file is 1,230 bytes")


def test_a_literal_over_the_limit_loads_nothing(tmp_path: Path, store: Path) -> None:
    path = tmp_path / "long.nt"
    big = "x" * (limits.MAX_LITERAL_BYTES + 1)
    path.write_text(GOOD.replace("c>", "d>") + f'<http://e/a> <http://e/b> "{big}" .\n')
    before = dump(store)
    code, stderr = load(store, path)
    assert code == 3
    assert "long.nt: triple 2 has a literal of 2,097,153 bytes (the limit is 2 MiB)" in stderr
    assert dump(store) == before
    path.write_text(f'<http://e/a> <http://e/b> "{big[:-1]}" .\n')
    assert load(store, path)[0] == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.rdf", ENTITY_BOMB.encode(), "RDF/XML with a document type declaration"),
        ("remote.jsonld", b'{"@context": "https://schema.org/"}', "would be fetched"),
        ("bad.ttl.gz", b"\x1f\x8b" + b"\0" * 30, "a broken gzip file"),
    ],
)
def test_graph_files_are_checked_the_same_way(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["query", "--graph", str(path), "ASK {}"])
    assert result.exit_code == 3
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_literal_at_the_limit_survives_a_dump_and_restore(tmp_path: Path) -> None:
    """The worst case: control characters, which a dump writes as six-byte escapes."""
    import pyoxigraph as ox

    path = tmp_path / "controls.nt"
    controls = "\\u0001" * limits.MAX_LITERAL_BYTES
    path.write_text(f'<http://e/a> <http://e/b> "{controls}" .\n')
    store = tmp_path / "store"
    assert load(store, path)[0] == 0
    dumped = "".join(dump_lines(store)).encode("utf-8")
    assert len(dumped) > 6 * limits.MAX_LITERAL_BYTES
    restored = ox.Store()
    restored.load(dumped, format=ox.RdfFormat.N_QUADS)
    assert len(restored) == 1
