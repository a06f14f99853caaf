"""The SPARQL ``policygraph show`` reads, one query per part of the card; ``?entity`` stands for
the entity's IRI, which ``card`` writes into the pattern before running it."""

from __future__ import annotations

from policygraph.namespaces import sparql_prologue

_PROLOGUE = sparql_prologue()
_LABELS = (
    _PROLOGUE
    + """SELECT ?entity ?kind ?text ?graph WHERE {
  VALUES ?kind { skos:prefLabel skos:altLabel skos:hiddenLabel rdfs:label }
  GRAPH ?graph { ?entity ?kind ?text } }"""
)
_TYPES = _PROLOGUE + "SELECT DISTINCT ?entity ?type WHERE { ?entity a ?type }"
_OUT = (
    _PROLOGUE
    + """SELECT ?entity ?p ?o ?graph WHERE { GRAPH ?graph { ?entity ?p ?o }
  FILTER(?p NOT IN (rdf:type, skos:prefLabel, skos:altLabel, skos:hiddenLabel, rdfs:label,
                    pg:evidence)) }"""  # evidence: the quotes say it, with the words
)
_IN = _PROLOGUE + "SELECT ?entity ?s ?p ?graph WHERE { GRAPH ?graph { ?s ?p ?entity } }"
_POSTS = (
    _PROLOGUE
    + """SELECT ?entity ?post ?org ?role ?statedAs ?observed WHERE {
  ?post org:member ?entity ; org:organization ?org .
  OPTIONAL { ?post org:role ?role } OPTIONAL { ?post pg:statedAs ?statedAs }
  OPTIONAL { ?post pg:observedOn ?observed } }"""
)
_SIGNALS = (
    _PROLOGUE
    + """SELECT ?entity ?rel ?signal ?date WHERE {
  VALUES ?rel { pg:issuer prov:wasAttributedTo pg:addressee }
  ?signal a pg:PolicySignal ; ?rel ?entity . OPTIONAL { ?signal pg:issuedOn ?date } }"""
)
_PARTS = (  # the entity's participations: named by the sentence they stand for
    _PROLOGUE
    + """SELECT ?entity ?claim ?event ?role WHERE { ?event pg:participation ?claim .
  ?claim pg:participant ?entity OPTIONAL { ?claim pg:participationRole ?role } }"""
)
_STAFF = (  # posts held in the entity (an organisation): named like its members' own
    _PROLOGUE
    + """SELECT ?entity ?post ?member ?role WHERE {
  ?post org:organization ?entity ; org:member ?member OPTIONAL { ?post org:role ?role } }"""
)
_QUOTES = (
    _PROLOGUE
    + """SELECT DISTINCT ?entity ?claim ?source ?quote WHERE {
  { ?entity pg:evidence ?ev BIND(?entity AS ?claim) }  # BIND after the pattern: ?entity bound
  UNION { ?claim org:member ?entity ; pg:evidence ?ev }
  UNION { ?claim pg:participant ?entity ; pg:evidence ?ev }
  UNION { ?claim pg:issuer|prov:wasAttributedTo|pg:addressee ?entity ; pg:evidence ?ev }
  ?ev oa:hasSource ?source ; oa:hasSelector/oa:exact ?quote }"""
)

QUERIES = {
    "labels": _LABELS,
    "types": _TYPES,
    "out": _OUT,
    "in": _IN,
    "posts": _POSTS,
    "signals": _SIGNALS,
    "quotes": _QUOTES,
    "parts": _PARTS,
    "staff": _STAFF,
}
