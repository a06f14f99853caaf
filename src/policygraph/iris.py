"""IRIs and language tags as people and syntaxes write them: the one home of both.

A leaf module (it imports only ``namespaces`` and ``errors``, and rdflib only to make a
``URIRef``), so every other module, stores included, can use it without an import cycle.
``short_name`` is for display (``pgr:person-he-qing``); ``prefixed_name`` gives a prefixed name
only when Turtle, TriG and RDF/XML can write it as one; ``expand_name`` reads one back;
``language_tag`` puts a tag in its conventional case; ``iri_problem`` says why a text is not an
IRI (checked before one is minted from user input).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from policygraph.errors import InputError
from policygraph.namespaces import PREFIXES

if TYPE_CHECKING:
    from rdflib import URIRef

#: A local name every RDF syntax policygraph writes takes as it is (an XML NCName).
_LOCAL = re.compile(r"[^\W\d][\w.-]*[\w-]|[^\W\d]")


@functools.lru_cache(maxsize=65536)
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
    """An IRI written as ``<...>``, ``http...`` or a declared prefixed name, else ``None``;
    ``InputError`` when it is written as an IRI but is not a valid one (``<a b>``)."""
    from rdflib import URIRef  # not at start-up: ``view --input FILE`` needs no rdflib

    iri = _expand(text)
    if iri is not None and (problem := iri_problem(iri)):
        raise InputError(f"{text!r} is not a valid IRI: {problem}", hint=_IRI_HINT)
    return None if iri is None else URIRef(iri)


_IRI_HINT = "write an absolute IRI such as <https://example.org/a%20b> (spaces as %20)"


def _expand(text: str) -> str | None:
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if text.startswith(("http://", "https://", "urn:")):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
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


#: A scheme, then no space, control character or any of ``<>"{}|\\^` ``.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]*$")
_BAD = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]")


def iri_problem(text: str) -> str | None:
    """Why ``text`` is not an absolute IRI (RFC 3987, as Turtle and Oxigraph accept it), or
    ``None`` when it is one: checked before an IRI is minted from user input."""
    if _IRI.match(text):
        return None
    bad = _BAD.search(text)
    if bad:
        char = bad.group()
        shown = "a space" if char == " " else repr(char)
        return f"it contains {shown}"
    return "it does not start with a scheme such as https:"


def is_http_url(text: str) -> bool:
    """An absolute ``http(s)://`` IRI with a host."""
    return iri_problem(text) is None and re.match(r"^https?://[^/?#]+", text) is not None
