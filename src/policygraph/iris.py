"""IRIs and language tags as people and syntaxes write them: the one home of both.

A leaf module (it imports only ``vocab``), so every other module, stores included, can use it
without an import cycle. ``short_name`` is for display (``pgr:person-he-qing``); ``prefixed_name``
gives a prefixed name only when Turtle, TriG and RDF/XML can write it as one; ``expand_name``
reads one back; ``language_tag`` puts a tag in its conventional case.
"""

from __future__ import annotations

import functools
import re

from rdflib import URIRef

from policygraph.vocab import PREFIXES

#: A local name every RDF syntax policygraph writes takes as it is (an XML NCName).
_LOCAL = re.compile(r"[^\W\d][\w.-]*[\w-]|[^\W\d]")


def short_name(iri: str) -> str:
    """``pgr:person-he-qing`` for an IRI under a declared prefix, else the IRI itself."""
    for name, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{iri[len(base) :]}"
    return iri


def prefixed_name(iri: str) -> str | None:
    """A prefixed name that Turtle, TriG and RDF/XML all accept for ``iri``, or ``None``."""
    for name, base in PREFIXES.items():
        if iri.startswith(base) and _LOCAL.fullmatch(iri[len(base) :]):
            return f"{name}:{iri[len(base) :]}"
    return None


def expand_name(text: str) -> URIRef | None:
    """An IRI written as ``<...>``, ``http...`` or a declared prefixed name, else ``None``."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    return None


@functools.lru_cache(maxsize=1024)
def language_tag(tag: str) -> str:
    """A BCP 47 tag in its conventional case: ``zh-Latn-pinyin``, ``en-GB``.

    The one place tags are canonicalised: Oxigraph lower-cases them (``zh-latn-pinyin``) and
    rdflib keeps them as written, so every tag read from a store goes through here.
    """
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)
