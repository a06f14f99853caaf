"""The vocabulary: every ``pg:`` term the graph uses is declared, labelled and explained."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from policygraph.build import BuildResult, build
from policygraph.project import Project, packaged
from policygraph.serialize import union_graph
from policygraph.vocab import PG, PREFIXES


def ontology() -> Graph:
    return Graph().parse(packaged("schema/ontology.ttl"), format="turtle")


def pg_terms(graph: Graph) -> set[URIRef]:
    """``pg:`` IRIs used as predicate or object (classes, properties) in ``graph``."""
    used = {p for p in graph.predicates() if isinstance(p, URIRef)}
    used |= {o for o in graph.objects() if isinstance(o, URIRef)}
    return {term for term in used if str(term).startswith(str(PG))}


def test_every_pg_term_in_the_built_graph_is_declared(sasac_project: Project) -> None:
    result: BuildResult = build(sasac_project, write=False)
    data = union_graph(result.dataset)
    onto = ontology()
    used = pg_terms(data)
    assert PG.PolicySignal in used and PG.evidence in used
    missing = sorted(str(t) for t in used if (t, RDFS.label, None) not in onto)
    assert not missing, f"used but not declared in ontology.ttl: {missing}"
    unexplained = sorted(str(t) for t in used if (t, RDFS.comment, None) not in onto)
    assert not unexplained, f"declared without rdfs:comment: {unexplained}"


def test_every_ontology_term_has_a_label_and_a_comment() -> None:
    onto = ontology()
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(PG))}
    assert len(terms) > 20
    for term in sorted(terms):
        labels = {o.language for o in onto.objects(term, RDFS.label)}  # type: ignore[attr-defined]
        assert "en" in labels, f"{term} has no rdfs:label@en"
        assert (term, RDFS.comment, None) in onto, f"{term} has no rdfs:comment"


def test_prefixes_are_the_contract() -> None:
    assert PREFIXES["pg"] == "https://w3id.org/policygraph/ns#"
    assert PREFIXES["pgr"] == "https://w3id.org/policygraph/id/"
    assert PREFIXES["kos"] == "https://w3id.org/policygraph/kos/"
    assert PREFIXES["pgg"] == "https://w3id.org/policygraph/graph/"
    assert PREFIXES["schema"] == "https://schema.org/"


def test_plain_namespaces_name_the_same_iris_as_rdflib() -> None:
    """``namespaces`` (plain strings, no rdflib) and ``vocab``/rdflib agree, term for term."""
    from rdflib import namespace

    from policygraph import namespaces, vocab

    for name in ("RDF", "RDFS", "XSD", "OWL", "SKOS", "ORG", "FOAF", "PROV", "DCTERMS"):
        assert str(getattr(namespaces, name)) == str(getattr(namespace, name)), name
    for name in ("PG", "PGR", "KOS", "PGG", "SCHEMA", "OA", "SH", "WD"):
        assert str(getattr(namespaces, name)) == str(getattr(vocab, name)), name
    assert namespaces.FOAF.Person == str(namespace.FOAF.Person)
    assert type(namespaces.PG.PolicySignal) is str
    assert namespaces.PG.PolicySignal == str(PG.PolicySignal)
    assert namespaces.PGG["src-x"] == str(vocab.source_graph("x"))
    # a plain string is not equal to rdflib's term: rdflib compares the types too
    assert namespaces.PG.PolicySignal != PG.PolicySignal
    assert vocab.PREFIXES is namespaces.PREFIXES
