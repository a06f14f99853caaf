"""``render_view``: a store and a selection in, one HTML page out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, Unpack, cast

from policygraph.analytics.pagerank import pagerank
from policygraph.collector import paused
from policygraph.dates import parse_date
from policygraph.errors import InputError, NotFoundError, QueryError
from policygraph.iris import expand_name, short_name
from policygraph.names import resolve_entity
from policygraph.page import framed
from policygraph.store import as_store
from policygraph.views.card import cards
from policygraph.views.facts import read_facts, term_id
from policygraph.views.factset import Facts
from policygraph.views.layout import layout, sizes
from policygraph.views.model import ViewModel, degrees
from policygraph.views.render import page_data, render_data
from policygraph.views.select import Selection, best_label, select
from policygraph.views.support import read_backing

if TYPE_CHECKING:  # rdflib for --query, --focus, --source, --type, --min-support only
    from rdflib import Dataset

    from policygraph.store import Store

SIZE_BY = ("degree", "pagerank")


def _class_iri(text: str) -> str:
    iri = expand_name(text)
    if iri is None:
        raise InputError(
            f"--type {text!r} is not a class IRI or prefixed name",
            hint="write it as a prefixed name, e.g. foaf:Person or pg:PolicySignal",
        )
    return str(iri)


def _source_graph(store: Store, source: str) -> str:
    from policygraph.vocab import source_graph  # rdflib, for --source only

    graph = expand_name(source) or source_graph(source)
    if not store.query(f"ASK {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }}").askAnswer:
        raise NotFoundError(
            f"no source graph {short_name(str(graph))} in the store",
            hint="give a source id (as in data/sources/) or a graph IRI",
        )
    return str(graph)


Triples = tuple[tuple[str, str, str], ...]


def _query_selection(store: Store, query: str) -> tuple[frozenset[str] | None, Triples | None]:
    """What a ``--query`` selects, checked and run as ``policygraph query`` runs it."""
    from rdflib import Graph, Literal, URIRef

    from policygraph.sparql import check_query, run_checked

    result = run_checked(store, check_query(query, origin="--query"))
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph if result.graph is not None else Graph()
        triples = tuple(
            sorted(
                (term_id(s), str(p), term_id(o)) for s, p, o in graph if not isinstance(o, Literal)
            )
        )
        return None, triples
    if result.kind == "SELECT":
        iris = frozenset(
            str(v) for row in result.rows for v in row.values() if isinstance(v, URIRef)
        )
        return iris, None
    raise QueryError("a view's --query must be a SELECT or a CONSTRUCT query")


class SelectOptions(TypedDict, total=False):
    """What to draw: the options of ``policygraph view`` that choose nodes and edges."""

    focus: str | None
    depth: int
    query: str | None
    types: Sequence[str]
    source: str | None
    since: str | None
    until: str | None
    top: int | None
    lang: str
    raw: bool
    min_support: int


class ViewOptions(SelectOptions, total=False):
    """How to draw it: the selection plus node sizes and the page title."""

    size_by: str
    title: str | None


@dataclass(frozen=True)
class View:
    """A rendered view: the page, how many nodes and edges it draws, and the page's data (nodes,
    edges and options as pyvis gives them to vis-network, with groups, cards and title)."""

    html: str
    nodes: int
    edges: int
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def to_pyvis(self) -> Any:
        """The view as a pyvis ``Network`` (nodes, edges, options): the page draws exactly its
        nodes, edges and options. Built on each call (pyvis is imported only here)."""
        from policygraph.views.network import to_network

        if "nodes" not in self.data:
            raise ValueError("this View holds no view data (make views with make_view)")
        return to_network(self.data)

    def _repr_html_(self) -> str:
        """The page in a sandboxed frame: how Jupyter shows a view, offline as in a file."""
        return framed(self.html)


def build_model(
    store: Store, **options: Unpack[SelectOptions]
) -> tuple[Facts, ViewModel, str | None]:
    """The facts read from ``store``, the selected graph, and the focus IRI (if any)."""
    focus, query, source = options.get("focus"), options.get("query"), options.get("source")
    depth, top, min_support = (
        options.get("depth", 1),
        options.get("top"),
        options.get("min_support", 0),
    )
    since, until = options.get("since"), options.get("until")
    focus_iri = str(resolve_entity(store, focus)) if focus else None
    graph = _source_graph(store, source) if source else None
    iris, triples = _query_selection(store, query) if query else (None, None)
    if depth < 0 or (top is not None and top < 1) or min_support < 0:
        raise InputError("--depth and --min-support must be 0 or more and --top 1 or more")
    for name, value in (("--since", since), ("--until", until)):
        if value is not None and parse_date(value) is None:
            raise InputError(
                f"{name} {value!r} is not a date", hint="write YYYY, YYYY-MM or YYYY-MM-DD"
            )
    selection = Selection(
        focus=focus_iri,
        depth=depth,
        iris=iris,
        triples=triples,
        types=tuple(_class_iri(t) for t in options.get("types", ())),
        since=since,
        until=until,
        top=top,
        raw=options.get("raw", False),
        min_support=min_support,
    )
    facts = read_facts(store, graph)
    backing = read_backing(store) if min_support > 0 else None
    return facts, select(facts, selection, options.get("lang", "en"), backing), focus_iri


def _render(
    facts: Facts, model: ViewModel, *, lang: str, size_by: str, title: str
) -> tuple[str, dict[str, Any]]:
    if size_by not in SIZE_BY:
        raise InputError(f"--size must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    order = list(model.nodes)
    pairs = [(e.source, e.target) for e in model.edges]
    scores: dict[str, float]
    if size_by == "pagerank":
        scores = pagerank(order, pairs)
    else:
        scores = {k: float(v) for k, v in degrees(model).items()}
    data = page_data(
        model,
        layout(order, pairs),
        sizes(scores),
        cards(facts, model, lang),
        title=title,
        lang=lang,
    )
    return render_data(data), data


def render_model(
    facts: Facts, model: ViewModel, *, lang: str = "en", size_by: str = "degree", title: str
) -> str:
    """The page for an already selected graph."""
    return _render(facts, model, lang=lang, size_by=size_by, title=title)[0]


def default_title(facts: Facts, focus: str | None, depth: int, lang: str) -> str:
    if focus is None:
        return "policygraph"
    return f"policygraph: {best_label(facts, focus, lang)} and neighbours (depth {depth})"


def make_view(store: Store, **options: Unpack[ViewOptions]) -> View:
    """Select, lay out and render a view of the graph in ``store``."""
    with paused():  # a fifth of the time of a 10,000-node view was the collector's
        return _make_view(store, **options)


def _make_view(store: Store, **options: Unpack[ViewOptions]) -> View:
    size_by, title = options.pop("size_by", "degree"), options.pop("title", None)
    facts, model, focus_iri = build_model(store, **cast(SelectOptions, options))  # popped above
    lang = options.get("lang", "en")
    if title is None:
        title = default_title(facts, focus_iri, options.get("depth", 1), lang)
    page, data = _render(facts, model, lang=lang, size_by=size_by, title=title)
    return View(page, len(model.nodes), len(model.edges), data)


def render_view(store: Store, **options: Unpack[ViewOptions]) -> str:
    """An interactive HTML view of (part of) the graph in ``store``, as one self-contained page.

    Options (all optional): focus, depth, query, types, source, since, until, top, lang, raw,
    min_support (what to draw); size_by ("degree" or "pagerank") and title (how).
    """
    return make_view(store, **options).html


def render_overview(data: Dataset | Store, lang: str = "en") -> str:
    """The overview ``build`` writes to ``graph/overview.html``: the whole graph, folded (from a
    built dataset, or from a store holding it, such as ``build``'s one ``union_store``)."""
    store = as_store(data)
    return render_view(store, lang=lang, title="policygraph overview")
