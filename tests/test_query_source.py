"""`--query SPEC` means the same in export and view: a file, a named query, or the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.errors import NotFoundError, QueryError
from policygraph.project import Project
from policygraph.sparql import load_query_text
from policygraph.store import MemoryStore
from policygraph.views.api import build_model

CONSTRUCT = "CONSTRUCT { ?s pg:issuer ?o } WHERE { ?s pg:issuer ?o }\n"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "issuers.rq").write_text(CONSTRUCT, encoding="utf-8")
    return Project(tmp_path)


def test_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text(CONSTRUCT, encoding="utf-8")
    assert load_query_text(str(path), None) == (CONSTRUCT, str(path))


def test_the_projects_named_query_wins(project: Project) -> None:
    text, origin = load_query_text("issuers", project)
    assert text == CONSTRUCT
    assert origin == str(project.queries_dir / "issuers.rq")
    assert load_query_text("issuers.rq", project)[0] == CONSTRUCT


def test_a_packaged_named_query() -> None:
    text, origin = load_query_text("signals-by-issuer", None)
    assert origin == "queries/signals-by-issuer.rq"
    assert "SELECT" in text


def test_inline_text_only_where_allowed() -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }" + " " * 5000  # too long for a path
    assert load_query_text(query, None) == (query, "--query")
    with pytest.raises(NotFoundError, match="no query file or named query"):
        load_query_text(query, None, inline=False)


def test_missing_file_or_name_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such query file"):
        load_query_text(str(tmp_path / "nope.rq"), None)
    with pytest.raises(NotFoundError, match="no named query 'signals-by-isuer'") as err:
        load_query_text("signals-by-isuer", None)
    assert "signals-by-issuer" in err.value.hint


def test_a_views_query_is_checked_like_any_other(sasac_store: MemoryStore) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        build_model(sasac_store, query="SELECT ?s WHERE { SERVICE <http://x.test/> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="SPARQL update"):
        build_model(sasac_store, query="DELETE WHERE { ?s ?p ?o }")
