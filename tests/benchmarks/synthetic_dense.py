"""A second synthetic policy graph, of another shape than ``bench_views.synthetic_dataset``.

Written independently of the first: few issuers with many signals each (a long-tail, Zipf-like
degree distribution), signals linked densely to topics, sectors, goals and each other, officials
with dated posts and roles, evidence quotes, en and zh labels. About 4.8 edges per node: some
48k drawn edges at 10,000 nodes, against 1.6 per node in the first generator.
"""

from __future__ import annotations

import bisect
import itertools
import random

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, SKOS, XSD

from policygraph.vocab import KOS, OA, PG, PGG, PGR

ZH = "国资委研究院集团公司政策金融稳定数字货币监管创新改革"


class _Zipf:
    """Draws indexes 0..n-1 with weight 1/(i+1)**s: a few hubs, a long tail."""

    def __init__(self, rng: random.Random, n: int, s: float = 1.1) -> None:
        self.rng = rng
        self.cumulative = list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))

    def draw(self) -> int:
        x = self.rng.random() * self.cumulative[-1]
        return min(bisect.bisect_left(self.cumulative, x), len(self.cumulative) - 1)


def _date(rng: random.Random, year: str) -> Literal:
    return Literal(f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", datatype=XSD.date)


def dense_dataset(n: int, seed: int = 11) -> Dataset:
    """About ``n`` drawn entities and ~4.8 n drawn edges (seeded, deterministic)."""
    rng = random.Random(seed)
    data = Dataset(default_union=True)
    g = data.graph(PGG["src-dense"])
    orgs, people = max(n // 20, 2), max(n * 3 // 20, 2)
    topics, sectors, goals = max(n // 60, 2), max(n // 200, 2), max(n // 200, 2)
    signals = max(n - orgs - people - topics - sectors - goals, 2)

    def node(kind: str, i: int, cls: URIRef, en: str) -> URIRef:
        iri = PGR[f"{kind}-{i}"]
        g.add((iri, RDF.type, cls))
        g.add((iri, SKOS.prefLabel, Literal(en, lang="en")))
        if rng.random() < 0.5:
            zh = "".join(rng.choice(ZH) for _ in range(rng.randint(2, 6)))
            g.add((iri, SKOS.prefLabel, Literal(zh, lang="zh")))
        return iri

    def concepts(kind: str, count: int) -> list[URIRef]:
        made = []
        for i in range(count):
            iri = node(kind, i, SKOS.Concept, f"{kind.title()} {i}")
            g.add((iri, SKOS.inScheme, KOS[kind]))
            made.append(iri)
        return made

    org = [node("agency", i, ORG.FormalOrganization, f"Agency {i}") for i in range(orgs)]
    person = [node("official", i, FOAF.Person, f"Official {i} Zhang") for i in range(people)]
    topic, sector = concepts("topic", topics), concepts("sector", sectors)
    goal = concepts("goal", goals)
    roles = concepts("role", 6)
    zorg, zperson, ztopic = _Zipf(rng, orgs), _Zipf(rng, people), _Zipf(rng, topics)
    for i, who in enumerate(person):
        for j in range(1 + (rng.random() < 0.3)):
            post = PGR[f"post-{i}-{j}"]
            g.add((post, RDF.type, ORG.Membership))
            g.add((post, ORG.member, who))
            g.add((post, ORG.organization, org[zorg.draw()]))
            g.add((post, ORG.role, roles[rng.randrange(len(roles))]))
            g.add((post, PG.observedOn, _date(rng, f"20{rng.randint(15, 25)}")))
    signal: list[URIRef] = []
    for i in range(signals):
        s = node("sig", i, PG.PolicySignal, f"Signal {i} on reform")
        g.add((s, PG.issuer, org[zorg.draw()]))
        g.add((s, DCTERMS.creator, person[zperson.draw()]))
        for t in {ztopic.draw() for _ in range(rng.randint(1, 4))}:
            g.add((s, PG.topic, topic[t]))
        for k in rng.sample(range(sectors), min(sectors, rng.randint(0, 2))):
            g.add((s, PG.targetSector, sector[k]))
        if rng.random() < 0.3:
            g.add((s, PG.goal, goal[rng.randrange(goals)]))
        if signal and rng.random() < 0.4:
            g.add((s, PG.concerns, signal[rng.randrange(len(signal))]))
        g.add((s, PG.stance, KOS["stance.supportive"]))
        g.add((s, PG.issuedOn, _date(rng, "2025")))
        if rng.random() < 0.5:
            ev, sel = PGR[f"ev-{i}"], PGR[f"sel-{i}"]
            g.add((s, PG.evidence, ev))
            g.add((ev, RDF.type, OA.SpecificResource))
            g.add((ev, OA.hasSelector, sel))
            g.add((sel, RDF.type, OA.TextQuoteSelector))
            g.add((sel, OA.exact, Literal("".join(rng.choice(ZH) for _ in range(30)), lang="zh")))
        signal.append(s)
    return data
