"""Fields of which a record needs one or the other, as the packaged shapes say.

A shape's ``sh:or`` of ``sh:minCount 1`` property shapes ("a post needs observed_on or start")
has one home, ``schema/shapes.ttl``; the records check reads it from there (through the
mapping of fields to predicates) to report the missing field at the record's line, before any
RDF is made, with the shape's own ``sh:message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from policygraph.mapping_claims import POST_CLASS, POST_FIELDS
from policygraph.shapes import shapes_graph

#: The sections whose shapes are read: their class and their fields' predicates.
SECTION_FIELDS: dict[str, tuple[URIRef, tuple[tuple[str, URIRef], ...]]] = {
    "posts": (POST_CLASS, POST_FIELDS),
}


@dataclass(frozen=True)
class OneOf:
    """Fields a record of a section needs at least one of, and the shape's message why."""

    fields: tuple[str, ...]
    message: str


@lru_cache(maxsize=1)
def required_alternatives() -> dict[str, OneOf]:
    """Section -> the fields it needs one of, read from the packaged shapes."""
    shapes = shapes_graph()
    found: dict[str, OneOf] = {}
    for section, (cls, fields) in SECTION_FIELDS.items():
        field_of = {predicate: name for name, predicate in fields}
        for shape in sorted(shapes.subjects(SH.targetClass, cls), key=str):
            for alternatives in shapes.objects(shape, SH["or"]):
                nodes = list(Collection(shapes, alternatives))
                paths = [shapes.value(node, SH.path) for node in nodes]
                needed = all(shapes.value(node, SH.minCount) is not None for node in nodes)
                if needed and paths and all(p in field_of for p in paths):
                    message = str(shapes.value(shape, SH.message) or "")
                    found[section] = OneOf(tuple(field_of[p] for p in paths), message)  # type: ignore[index]
    return found
