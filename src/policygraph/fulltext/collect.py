"""What the full-text index holds, read from a store: each source document and its quotes.

A quote is a Web Annotation's ``oa:exact`` text (``pg:evidence -> oa:hasSelector``) whose
``oa:hasSource`` is the document; the claims quoting it are the nodes holding that evidence
(signals, events, posts...). The archived text is the file named by ``pg:archivedText``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from rdflib import Literal, URIRef

from policygraph.analytics.sparql import select
from policygraph.iris import short_name
from policygraph.names import display_labels
from policygraph.store import Store

_DOCUMENTS = """
SELECT ?doc ?path ?hash ?title ?publisher ?issued ?url WHERE {
  GRAPH pgg:prov { ?doc pg:archivedText ?path
    OPTIONAL { ?doc pg:contentHash ?hash } OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?doc dcterms:publisher ?publisher } OPTIONAL { ?doc dcterms:issued ?issued }
    OPTIONAL { ?doc schema:url ?url } }
}
"""
_QUOTES = """
SELECT DISTINCT ?claim ?doc ?exact WHERE {
  GRAPH ?g { ?claim pg:evidence ?ev . ?ev oa:hasSource ?doc ; oa:hasSelector ?sel .
             ?sel oa:exact ?exact }
}
"""
_TYPES = "SELECT DISTINCT ?s ?type WHERE { GRAPH ?g { ?s pg:evidence ?ev ; a ?type } }"
# what names a claim that has no label of its own: a participation or a post
_ROLES = """
SELECT DISTINCT ?node ?who ?role ?context WHERE { GRAPH ?g {
  { ?context pg:participation ?node . ?node pg:participant ?who
    OPTIONAL { ?node pg:participationRole ?role } }
  UNION
  { ?node a org:Membership ; org:member ?who OPTIONAL { ?node org:role ?role }
    OPTIONAL { ?node org:organization ?context } } } }
"""


@dataclass(frozen=True, order=True)
class ClaimRef:
    """A node that quotes a passage: its IRI, display label and classes (prefixed names)."""

    iri: str
    label: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    text: str
    lang: str
    claims: tuple[ClaimRef, ...]


@dataclass(frozen=True)
class Document:
    """A source document: what a hit shows about it, its archived text's path and its quotes."""

    iri: str
    title: str
    publisher: str
    issued: str
    url: str
    path: str  # relative to the project root; "" when the store names no archived text
    content_hash: str
    quotes: tuple[Quote, ...]

    def fingerprint(self) -> str:
        """Changes whenever anything indexed for this document changes (its text included)."""
        data = json.dumps(
            [self.iri, self.title, self.publisher, self.issued, self.url, self.path,
             self.content_hash, [[q.text, q.lang, [list(c.__dict__.values()) for c in q.claims]]
                                 for q in self.quotes]],
            ensure_ascii=False, sort_keys=True, default=list,
        )  # fmt: skip
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _first(values: dict[str, set[str]], key: str) -> str:
    return min(values.get(key, set()), default="")


def read_documents(store: Store, lang: str = "en") -> list[Document]:
    """Every source document with its quotes, sorted by IRI (deterministic)."""
    meta: dict[URIRef, dict[str, set[str]]] = {}
    for doc, *values in select(store, _DOCUMENTS):
        if not isinstance(doc, URIRef):
            continue
        fields = meta.setdefault(doc, {})
        for name, value in zip(
            ("path", "hash", "title", "publisher", "issued", "url"), values, strict=True
        ):
            if value is not None:
                fields.setdefault(name, set()).add(str(value))
    quoted: dict[tuple[URIRef, str, str], set[URIRef]] = {}
    for claim, doc, exact in select(store, _QUOTES):
        if isinstance(claim, URIRef) and isinstance(doc, URIRef) and isinstance(exact, Literal):
            quoted.setdefault((doc, str(exact), exact.language or ""), set()).add(claim)
            meta.setdefault(doc, {})
    types: dict[URIRef, set[str]] = {}
    for node, kind in select(store, _TYPES):
        if isinstance(node, URIRef) and isinstance(kind, URIRef):
            types.setdefault(node, set()).add(short_name(str(kind)))
    claims = {c for found in quoted.values() for c in found}
    labels = _described(store, display_labels(store, claims, lang), lang)
    refs = {c: ClaimRef(str(c), labels[c], tuple(sorted(types.get(c, ())))) for c in claims}
    by_doc: dict[URIRef, list[Quote]] = {}
    for (qdoc, exact_text, qlang), found in sorted(quoted.items()):
        by_doc.setdefault(qdoc, []).append(
            Quote(exact_text, qlang, tuple(sorted(refs[c] for c in found)))
        )
    documents = []
    for doc in sorted(meta):
        fields, quotes = meta[doc], tuple(by_doc.get(doc, ()))
        documents.append(
            Document(
                str(doc),
                _first(fields, "title"),
                _first(fields, "publisher"),
                _first(fields, "issued"),
                _first(fields, "url"),
                _first(fields, "path"),
                _first(fields, "hash"),
                quotes,
            )  # fmt: skip
        )
    return documents


def _described(store: Store, labels: dict[URIRef, str], lang: str) -> dict[URIRef, str]:
    """``labels``, naming unlabelled participations and posts: ``He Qing (chair), <event>``."""
    unnamed = {iri for iri, label in labels.items() if label == short_name(str(iri))}
    rows = [row for row in select(store, _ROLES) if row[0] in unnamed]
    names = display_labels(
        store, {v for row in rows for v in row[1:] if isinstance(v, URIRef)}, lang
    )
    described = dict(labels)
    for node, who, role, context in sorted(rows, key=lambda r: tuple(str(v) for v in r)):
        if isinstance(node, URIRef) and isinstance(who, URIRef) and labels[node] == described[node]:
            text = names[who] + (f" ({names[role]})" if isinstance(role, URIRef) else "")
            described[node] = text + (f", {names[context]}" if isinstance(context, URIRef) else "")
    return described
