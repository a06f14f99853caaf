"""Which data triples a SHACL focus node's results can depend on, derived from the shapes.

``ShapePlan.of(shapes)`` reads a shapes graph and keeps, for each shape that has targets, what it
reads: its property paths (IRIs and sequences), the value nodes' types for ``sh:class``, the
shapes it applies to value nodes (``sh:node``, ``sh:property``, ``sh:or``/``sh:and``/``sh:xone``/
``sh:not``, ``sh:qualifiedValueShape``) and the triple patterns of its SPARQL constraints, followed
from ``$this`` through the variables they bind. ``plan.reads(data, focus)`` then gives every
triple of ``data`` that any constraint on ``focus`` can look at: if none of them changes, nor the
``rdfs:subClassOf`` triples (``plan.global_triples``), the shapes cannot report anything else
about that node. It is an over-approximation (every value reachable, not only those a join keeps).

A construct this module does not understand (an inverse or alternative path, ``sh:closed``,
``sh:equals``, a SPARQL target or rule, a query pattern not reachable from ``$this``...) raises
``Unsupported`` from ``ShapePlan.of``: the caller then validates the whole graph, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.paths import Path, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from policygraph.vocab import SH

Triple = tuple[Node, Node, Node]

#: Constraint parameters that only look at the value nodes themselves (already read by the path).
VALUE_ONLY = {SH[name] for name in (
    "datatype", "minCount", "maxCount", "in", "hasValue", "minLength", "maxLength", "pattern",
    "flags", "uniqueLang", "languageIn", "nodeKind", "minInclusive", "maxInclusive",
    "minExclusive", "maxExclusive", "qualifiedMinCount", "qualifiedMaxCount",
)}  # fmt: skip
#: Parameters that do not change what is read or reported about which node.
IGNORED = {RDF.type, SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order,
           SH.group, SH.deactivated, SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf,
           SH.targetNode, SH.prefixes, SH.declare, SH.defaultValue}  # fmt: skip
SHAPE_VALUED = {SH.node, SH.property, SH["not"], SH.qualifiedValueShape}
SHAPE_LISTS = {SH["or"], SH["and"], SH.xone}
#: Query algebra this module does not follow (a pattern's reach would not be known).
OPAQUE_ALGEBRA = {"ServiceGraphPattern", "Graph", "GraphGraphPattern", "ToMultiSet", "SubSelect",
                  "values", "InlineData"}  # fmt: skip


class Unsupported(Exception):
    """The shapes use a construct whose dependencies are not derived here."""


@dataclass(frozen=True)
class Pattern:
    subject: Node
    steps: tuple[URIRef, ...]  # a sequence path; one IRI for a plain triple pattern
    object: Node


@dataclass
class ShapeReads:
    """What one shape reads from one node: a path (or the node itself), then per value."""

    path: tuple[URIRef, ...] | None = None
    types: bool = False  # sh:class: the values' rdf:type
    shapes: list[URIRef | Node] = field(default_factory=list)  # applied to each value
    queries: list[list[tuple[Pattern, bool]]] = field(default_factory=list)  # $this = each value


class Triples:
    """A graph's triples by subject and predicate (and, on demand, by predicate and object), in
    dicts: reading a node's values through rdflib's store costs about ten times as much, and the
    index is made from a dataset's quads without the union graph (duplicates merge)."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.out: dict[Node, dict[Node, set[Node]]] = {}
        for s, p, o in triples:
            self.out.setdefault(s, {}).setdefault(p, set()).add(o)
        self.into: dict[Node, dict[Node, list[Node]]] = {}

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]:
        return self.out.get(subject, {}).get(predicate, ())

    def by_object(self, predicate: Node) -> dict[Node, list[Node]]:
        """The subjects of ``predicate`` by object."""
        if predicate not in self.into:
            index: dict[Node, list[Node]] = {}
            for subject, predicates in self.out.items():
                for obj in predicates.get(predicate, ()):
                    index.setdefault(obj, []).append(subject)
            self.into[predicate] = index
        return self.into[predicate]

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        return self.by_object(predicate).get(obj, [])

    def pairs(self, predicate: Node) -> list[tuple[Node, Node]]:
        """Every (subject, object) of ``predicate``, sorted."""
        return sorted((s, o) for o, found in self.by_object(predicate).items() for s in found)


class ShapePlan:
    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.shapes: dict[Node, ShapeReads] = {}
        self.targets: dict[URIRef, list[tuple[URIRef, URIRef]]] = {}  # shape -> (kind, value)

    @classmethod
    def of(cls, shapes: Graph) -> ShapePlan:
        """The plan of ``shapes``, or ``Unsupported``."""
        plan = cls(shapes)
        for unsupported in (SH.rule, SH.target, SH.closed, SH.equals, SH.disjoint, SH.lessThan,
                            SH.lessThanOrEquals, SH.targetSubjectsOf,
                            SH.qualifiedValueShapesDisjoint):  # fmt: skip
            if (None, unsupported, None) in shapes:
                raise Unsupported(f"shapes use {shapes.qname(unsupported)}")
        for kind in (SH.targetClass, SH.targetObjectsOf, SH.targetNode):
            for shape, value in shapes.subject_objects(kind):
                if not isinstance(shape, URIRef) or not isinstance(value, URIRef):
                    raise Unsupported("a target on a blank node shape, or of a literal")
                plan.targets.setdefault(shape, []).append((kind, value))
        for shape in shapes.subjects(RDF.type, RDFS.Class):
            if (shape, RDF.type, SH.NodeShape) in shapes:
                raise Unsupported("an implicit class target")
        for shape in sorted(plan.targets):
            plan._compile(shape)
        return plan

    def _compile(self, shape: Node) -> None:
        if shape in self.shapes:
            return
        reads = self.shapes[shape] = ShapeReads()
        path = self.graph.value(shape, SH.path)
        if path is not None:
            reads.path = self._path(path)
        for predicate, value in self.graph.predicate_objects(shape):
            if predicate in IGNORED or predicate in VALUE_ONLY:
                continue
            if predicate == SH["class"]:
                reads.types = True
            elif predicate in SHAPE_VALUED:
                reads.shapes.append(value)
            elif predicate in SHAPE_LISTS:
                reads.shapes.extend(Collection(self.graph, value))
            elif predicate == SH.sparql and path is None:
                reads.queries.append(self._query(value))
            else:
                raise Unsupported(f"shape parameter {predicate.n3(self.graph.namespace_manager)}")
        for inner in reads.shapes:
            self._compile(inner)

    def _path(self, path: Node) -> tuple[URIRef, ...]:
        if isinstance(path, URIRef):
            return (path,)
        steps = list(Collection(self.graph, path)) if (path, RDF.first, None) in self.graph else []
        if not steps or not all(isinstance(s, URIRef) for s in steps):
            raise Unsupported("a property path other than an IRI or a sequence of IRIs")
        return tuple(s for s in steps if isinstance(s, URIRef))

    def _query(self, constraint: Node) -> list[tuple[Pattern, bool]]:
        text = self.graph.value(constraint, SH.select)
        if not isinstance(text, Literal) or (constraint, SH.ask, None) in self.graph:
            raise Unsupported("a SPARQL constraint without sh:select")
        names: dict[str, str] = {}
        for source in self.graph.objects(constraint, SH.prefixes):
            for declared in self.graph.objects(source, SH.declare):
                prefix = self.graph.value(declared, SH.prefix)
                names[str(prefix)] = str(self.graph.value(declared, SH.namespace))
        try:
            algebra = prepareQuery(str(text), initNs=names).algebra
        except Exception as err:  # rdflib raises plain Exception (an unknown prefix) too
            raise Unsupported(f"a SPARQL constraint that does not parse: {err}") from err
        return _reach(list(_patterns(algebra)))  # Unsupported: a pattern not reachable

    def reads(self, data: Triples, focus: Node, shapes: Iterable[URIRef]) -> set[Triple]:
        """Every triple of ``data`` the constraints of ``shapes`` may look at for ``focus``."""
        seen: set[tuple[Node, Node]] = set()
        found: set[Triple] = {(focus, RDF.type, o) for o in data.objects(focus, RDF.type)}
        todo: list[tuple[Node, Node]] = [(shape, focus) for shape in shapes]
        while todo:
            shape, node = todo.pop()
            if (shape, node) in seen:
                continue
            seen.add((shape, node))
            plan = self.shapes[shape]
            values = _follow(data, [node], plan.path or (), found)
            for value in values:
                if plan.types:
                    found.update((value, RDF.type, o) for o in data.objects(value, RDF.type))
                todo.extend((inner, value) for inner in plan.shapes)
                for query in plan.queries:
                    _read_query(data, query, value, found)
        return found

    def global_triples(self, data: Triples) -> list[Triple]:
        """Triples every result may depend on: the class hierarchy ``sh:class`` follows."""
        return [(s, RDFS.subClassOf, o) for s, o in data.pairs(RDFS.subClassOf)]


def _follow(
    data: Triples,
    nodes: Iterable[Node],
    steps: tuple[URIRef, ...],
    found: set[Triple],
    forward: bool = True,
) -> set[Node]:
    """The nodes ``steps`` lead to from ``nodes`` (backward: the nodes they lead from), each
    triple read on the way added to ``found``."""
    current = set(nodes)
    for step in steps if forward else reversed(steps):
        reached: set[Node] = set()
        for node in current:
            values = data.objects(node, step) if forward else data.subjects(step, node)
            for value in values:
                found.add((node, step, value) if forward else (value, step, node))
                reached.add(value)
        current = reached
    return current


def _patterns(node: object) -> Iterator[Pattern]:
    if isinstance(node, CompValue):
        if node.name in OPAQUE_ALGEBRA:
            raise Unsupported(f"SPARQL {node.name}")
        if node.name in ("BGP", "TriplesBlock"):  # a TriplesBlock: inside (NOT) EXISTS
            for s, p, o in node["triples"]:
                yield Pattern(s, _steps(p), o)
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _patterns(item)


def _steps(predicate: object) -> tuple[URIRef, ...]:
    if isinstance(predicate, URIRef):
        return (predicate,)
    if isinstance(predicate, SequencePath) and all(isinstance(a, URIRef) for a in predicate.args):
        return tuple(a for a in predicate.args if isinstance(a, URIRef))
    kind = "variable predicate" if isinstance(predicate, Variable) else "path"
    if isinstance(predicate, (Path, Variable)):
        raise Unsupported(f"a SPARQL {kind} other than IRIs in sequence")
    raise Unsupported(f"a SPARQL predicate {predicate!r}")


THIS = Variable("this")


def _reach(patterns: list[Pattern]) -> list[tuple[Pattern, bool]]:
    """In which order and direction (forward: from the subject) to read the patterns, starting
    from ``$this``: first through bound variables, then from a constant term."""
    bound = {THIS}
    order: list[tuple[Pattern, bool]] = []
    left = list(patterns)
    while left:
        for pattern in left:
            if pattern.subject in bound or pattern.object in bound:
                forward = pattern.subject in bound
                break
        else:
            constant = [p for p in left if not isinstance(p.subject, Variable)]
            constant += [p for p in left if not isinstance(p.object, Variable)]
            if not constant:
                raise Unsupported("a SPARQL pattern not reachable from $this")
            pattern = constant[0]
            forward = not isinstance(pattern.subject, Variable)
        order.append((pattern, forward))
        left.remove(pattern)
        bound.update(t for t in (pattern.subject, pattern.object) if isinstance(t, Variable))
    return order


def _read_query(
    data: Triples, order: list[tuple[Pattern, bool]], this: Node, found: set[Triple]
) -> None:
    """Read every triple matching a pattern from any value its anchor can take, until no
    variable gains a value (the patterns are few; each pass re-reads from the larger sets)."""
    values: dict[Node, set[Node]] = {THIS: {this}}
    changed = True
    while changed:
        changed = False
        for pattern, forward in order:
            start, end = (
                (pattern.subject, pattern.object) if forward else (pattern.object, pattern.subject)
            )
            anchors = values.get(start, set()) if isinstance(start, Variable) else {start}
            reached = _follow(data, anchors, pattern.steps, found, forward)
            if isinstance(end, Variable) and not reached <= values.setdefault(end, set()):
                values[end] |= reached
                changed = True
