"""A third synthetic policy graph: scale-free, grown by preferential attachment.

Neither ``bench_views.synthetic_dataset`` (flat) nor ``synthetic_dense`` (Zipf issuers): the
links are those of ``networkx.barabasi_albert_graph`` (each new node links to ``m`` existing ones,
chosen in proportion to their degree), so a few hubs hold thousands of edges and most nodes
three or four. Node types follow the degree, as in a real tracker: the best-connected nodes are
agencies and ministries, then topics, then officials, and the long tail is policy signals. Every
node has a Chinese label; about a third also an English one (the others fall back to Chinese in an
English view). Each link becomes the predicate its two ends call for (an official and an agency:
a dated post, folded into an edge by the view). Seeded: the same ``n`` gives the same graph.
"""

from __future__ import annotations

import random

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, SKOS, XSD

from policygraph.vocab import KOS, PG, PGG, PGR

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国"
BODIES = ("国务院", "国资委", "发改委", "财政部", "人民银行", "证监会", "工信部", "商务部")
UNITS = ("研究院", "办公室", "监管局", "集团公司", "委员会", "研究中心", "管理局", "银行")
THEMES = ("数字货币", "金融稳定", "国企改革", "科技创新", "绿色发展", "数据安全", "产业政策")
VERBS = ("关于", "推进", "加强", "完善", "深化", "规范")

#: Share of nodes of each kind, best-connected first; signals take the rest.
KINDS = (("agency", 0.03), ("topic", 0.04), ("official", 0.18))


def _zh(rng: random.Random, kind: str, i: int) -> str:
    if kind == "agency":
        return f"{rng.choice(BODIES)}{rng.choice(UNITS)}{i}"
    if kind == "topic":
        return f"{rng.choice(THEMES)}{i}"
    if kind == "official":
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return f"{rng.choice(VERBS)}{rng.choice(THEMES)}的意见（第{i}号）"


def _kinds(graph: nx.Graph[int]) -> dict[int, str]:
    """Each node's kind, by degree rank (ties by node number)."""
    ranked = sorted(graph.nodes, key=lambda v: (-graph.degree(v), v))
    kinds, start = {}, 0
    for kind, share in KINDS:
        end = start + max(int(len(ranked) * share), 1)
        kinds.update((v, kind) for v in ranked[start:end])
        start = end
    kinds.update((v, "signal") for v in ranked[start:])
    return kinds


def powerlaw_dataset(n: int, m: int = 3, seed: int = 5) -> Dataset:
    """About ``n`` drawn entities and ``m`` links per node, scale-free (seeded, deterministic)."""
    rng = random.Random(seed)
    graph = nx.barabasi_albert_graph(n, m, seed=seed)
    kinds = _kinds(graph)
    data = Dataset(default_union=True)
    g = data.graph(PGG["src-powerlaw"])
    classes = {
        "agency": ORG.FormalOrganization,
        "topic": SKOS.Concept,
        "official": FOAF.Person,
        "signal": PG.PolicySignal,
    }
    iri = {v: PGR[f"pl-{kinds[v]}-{v}"] for v in graph.nodes}
    for v in sorted(graph.nodes):
        kind = kinds[v]
        g.add((iri[v], RDF.type, classes[kind]))
        g.add((iri[v], SKOS.prefLabel, Literal(_zh(rng, kind, v), lang="zh")))
        if rng.random() < 0.33:
            g.add((iri[v], SKOS.prefLabel, Literal(f"{kind.title()} {v}", lang="en")))
        if kind == "topic":
            g.add((iri[v], SKOS.inScheme, KOS.topic))
        if kind == "signal":
            day = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            g.add((iri[v], PG.issuedOn, Literal(day, datatype=XSD.date)))
    for a, b in sorted(graph.edges):
        _link(g, rng, (kinds[a], iri[a]), (kinds[b], iri[b]), f"{a}-{b}")
    return data


#: The predicate of a link between two kinds (in alphabetical order), and whether the second
#: end states it (a signal names its issuer and its author).
PREDICATES: dict[tuple[str, str], tuple[URIRef, bool]] = {
    ("agency", "agency"): (ORG.unitOf, False),
    ("agency", "signal"): (PG.issuer, True),
    ("agency", "topic"): (PG.topic, False),
    ("official", "official"): (FOAF.knows, False),
    ("official", "signal"): (DCTERMS.creator, True),
    ("official", "topic"): (PG.topic, False),
    ("signal", "signal"): (PG.concerns, False),
    ("signal", "topic"): (PG.topic, False),
    ("topic", "topic"): (SKOS.related, False),
}


def _link(
    g: Graph, rng: random.Random, a: tuple[str, URIRef], b: tuple[str, URIRef], key: str
) -> None:
    """The triples of one link, with the predicate its ends call for."""
    (ka, x), (kb, y) = sorted((a, b))
    if (ka, kb) == ("agency", "official"):  # a dated post, which the view folds into an edge
        post = PGR[f"pl-post-{key}"]
        g.add((post, RDF.type, ORG.Membership))
        g.add((post, ORG.member, y))
        g.add((post, ORG.organization, x))
        g.add((post, PG.observedOn, Literal(f"20{rng.randint(15, 25)}", datatype=XSD.gYear)))
        return
    predicate, reverse = PREDICATES[(ka, kb)]
    g.add((y, predicate, x) if reverse else (x, predicate, y))
