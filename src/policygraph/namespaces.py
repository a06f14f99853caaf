"""The namespaces and prefixes policygraph declares, as plain strings: a leaf that imports nothing.

``vocab`` makes rdflib ``Namespace`` objects of the same IRIs for code that builds rdflib terms.
Code that only compares or prints IRIs (the views, name lookups, ``iris``) uses these, so that
start-up and ``view --input FILE`` do without importing rdflib (about 0.15 s).
``tests/test_vocab.py`` checks them against rdflib's own namespaces.
"""

from __future__ import annotations


class Terms(str):
    """A namespace IRI whose terms are plain strings: ``PG.PolicySignal``, ``PG["src-x"]``.

    A plain string never equals rdflib's term for the same IRI (rdflib compares types, and
    hashes them), so compare these with ``str(term)``, never with rdflib terms themselves.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):  # copy, pickle and the like look for dunders
            raise AttributeError(name)
        return str(self) + name

    def __getitem__(self, name: str) -> str:  # type: ignore[override]
        return str(self) + name


RDF = Terms("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Terms("http://www.w3.org/2000/01/rdf-schema#")
XSD = Terms("http://www.w3.org/2001/XMLSchema#")
OWL = Terms("http://www.w3.org/2002/07/owl#")
SKOS = Terms("http://www.w3.org/2004/02/skos/core#")
ORG = Terms("http://www.w3.org/ns/org#")
FOAF = Terms("http://xmlns.com/foaf/0.1/")
SCHEMA = Terms("https://schema.org/")
PROV = Terms("http://www.w3.org/ns/prov#")
DCTERMS = Terms("http://purl.org/dc/terms/")
OA = Terms("http://www.w3.org/ns/oa#")
PG = Terms("https://w3id.org/policygraph/ns#")
PGR = Terms("https://w3id.org/policygraph/id/")
KOS = Terms("https://w3id.org/policygraph/kos/")
PGG = Terms("https://w3id.org/policygraph/graph/")
WD = Terms("http://www.wikidata.org/entity/")
SH = Terms("http://www.w3.org/ns/shacl#")

#: The prefixes policygraph declares, in the order they are written. Nothing else is ever bound.
PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "pg": str(PG),
    "pgr": str(PGR),
    "kos": str(KOS),
    "pgg": str(PGG),
    "wd": str(WD),
}

LANGUAGES = ("en", "zh", "zh-Latn-pinyin")


def sparql_prologue(extra: dict[str, str] | None = None) -> str:
    """``PREFIX`` lines for every declared prefix (plus ``extra``), to put before a query."""
    merged = {**PREFIXES, **(extra or {})}
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in merged.items())
