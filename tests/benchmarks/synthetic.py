"""A deterministic synthetic policy graph, written as N-Quads (one named graph per source).

Government bodies, SOEs and think tanks; officials with dated posts; meetings; signals with
issuers, sectors, topics and verbatim quotes; en and zh labels; about 50 triples per source.
``python -m tests.benchmarks.synthetic 100000 out.nq`` writes about 100k triples.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

PG = "https://w3id.org/policygraph/ns#"
PGR = "https://w3id.org/policygraph/id/"
KOS = "https://w3id.org/policygraph/kos/"
PGG = "https://w3id.org/policygraph/graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

KINDS = ("GovernmentBody", "StateOwnedEnterprise", "ThinkTank")
SECTORS = tuple(f"sector.s{i}" for i in range(12))
TOPICS = tuple(f"topic.t{i}" for i in range(30))
STANCES = ("stance.supportive", "stance.cautious", "stance.exploratory", "stance.restrictive")
ZH = "国资委研究院集团公司政策金融稳定数字货币监管创新改革"
TRIPLES_PER_SOURCE = 50


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(text: str, lang: str = "", datatype: str = "") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def _zh(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ZH) for _ in range(n))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _entities(rng: random.Random, orgs: int, people: int) -> Iterator[str]:
    ref = _iri(PGG + "ref")
    for i in range(orgs):
        node = _iri(f"{PGR}org-{i}")
        yield f"{node} {_iri(RDF_TYPE)} {_iri(PG + KINDS[i % 3])} {ref} ."
        yield f"{node} {_iri(SKOS + 'prefLabel')} {_lit(f'Organisation {i}', 'en')} {ref} ."
        yield f"{node} {_iri(SKOS + 'prefLabel')} {_lit(_zh(rng, 6), 'zh')} {ref} ."
    for i in range(people):
        node = _iri(f"{PGR}person-{i}")
        yield f"{node} {_iri(RDF_TYPE)} {_iri(PG + 'Official')} {ref} ."
        yield f"{node} {_iri(SKOS + 'prefLabel')} {_lit(f'Official {i}', 'en')} {ref} ."
        yield f"{node} {_iri(SKOS + 'prefLabel')} {_lit(_zh(rng, 3), 'zh')} {ref} ."


def _source(rng: random.Random, k: int, orgs: int, people: int) -> Iterator[str]:
    g = _iri(f"{PGG}src-{k}")
    doc = _iri(f"{PGR}doc-{k}")
    prov = _iri(PGG + "prov")
    day = _date(rng)
    yield f"{g} {_iri(PROV + 'wasDerivedFrom')} {doc} {prov} ."
    yield f"{doc} {_iri(DCT + 'title')} {_lit(f'Report {k} on policy', 'en')} {prov} ."
    yield f"{doc} {_iri(DCT + 'issued')} {_lit(day, datatype=XSD + 'date')} {prov} ."
    yield f"{doc} {_iri(SCHEMA + 'url')} {_lit(f'https://example.org/news/{k}')} {prov} ."
    issuer = _iri(f"{PGR}org-{rng.randrange(orgs)}")
    person = _iri(f"{PGR}person-{rng.randrange(people)}")
    post = _iri(f"{PGR}post-{k}")
    for p, o in (
        (RDF_TYPE, _iri(ORG + "Membership")),
        (ORG + "member", person),
        (ORG + "organization", issuer),
        (ORG + "role", _lit("Director", "en")),
        (PG + "observedOn", _lit(day, datatype=XSD + "date")),
        (PG + "statedAs", _lit(_zh(rng, 8), "zh")),
    ):
        yield f"{post} {_iri(p)} {o} {g} ."
    meeting = _iri(f"{PGR}event-{k}")
    for p, o in (
        (RDF_TYPE, _iri(SCHEMA + "Event")),
        (SKOS + "prefLabel", _lit(f"Meeting {k}", "en")),
        (SKOS + "prefLabel", _lit(_zh(rng, 5), "zh")),
        (SCHEMA + "startDate", _lit(day, datatype=XSD + "date")),
        (SCHEMA + "organizer", issuer),
        (SCHEMA + "about", _iri(KOS + rng.choice(TOPICS))),
    ):
        yield f"{meeting} {_iri(p)} {o} {g} ."
    for j in range(2):
        yield from _signal(rng, k, j, g, doc, issuer, person, meeting, day)


def _signal(
    rng: random.Random,
    k: int,
    j: int,
    g: str,
    doc: str,
    issuer: str,
    person: str,
    meeting: str,
    day: str,
) -> Iterator[str]:
    sig = _iri(f"{PGR}signal-{k}-{j}")
    ev = _iri(f"{PGR}evidence-{k}-{j}")
    sel = _iri(f"{PGR}quote-{k}-{j}")
    quote = f"{_zh(rng, 12)} quote {k}.{j}"
    for p, o in (
        (RDF_TYPE, _iri(PG + "PolicySignal")),
        (PG + "issuer", issuer),
        (PROV + "wasAttributedTo", person),
        (PG + "issuedOn", _lit(day, datatype=XSD + "date")),
        (PG + "occasion", meeting),
        (PG + "topic", _iri(KOS + rng.choice(TOPICS))),
        (PG + "topic", _iri(KOS + rng.choice(TOPICS))),
        (PG + "targetSector", _iri(KOS + rng.choice(SECTORS))),
        (PG + "stance", _iri(KOS + rng.choice(STANCES))),
        (PG + "signalNature", _iri(KOS + "nature.directive")),
        (PG + "confidence", _lit(f"0.{rng.randint(1, 9)}", datatype=XSD + "decimal")),
        (SKOS + "prefLabel", _lit(f"Signal {k}.{j}", "en")),
        (SKOS + "prefLabel", _lit(_zh(rng, 7), "zh")),
        (PG + "evidence", ev),
    ):
        yield f"{sig} {_iri(p)} {o} {g} ."
    yield f"{ev} {_iri(RDF_TYPE)} {_iri(OA + 'Annotation')} {g} ."
    yield f"{ev} {_iri(OA + 'hasSource')} {doc} {g} ."
    yield f"{ev} {_iri(OA + 'hasSelector')} {sel} {g} ."
    yield f"{sel} {_iri(OA + 'exact')} {_lit(quote, 'zh')} {g} ."


def generate(triples: int, seed: int = 7) -> Iterator[str]:
    """N-Quads lines (no newline), about ``triples`` of them, always the same for a size."""
    rng = random.Random(seed)
    sources = max(1, triples // TRIPLES_PER_SOURCE)
    orgs = max(3, sources // 20)
    people = max(3, sources // 10)
    yield from _entities(rng, orgs, people)
    for k in range(sources):
        yield from _source(rng, k, orgs, people)


def write(path: Path, triples: int, seed: int = 7) -> int:
    """Write the graph to ``path`` (N-Quads); return the number of quads written."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in generate(triples, seed):
            out.write(line + "\n")
            count += 1
    return count


if __name__ == "__main__":
    written = write(Path(sys.argv[2]), int(sys.argv[1]))
    print(f"{written} quads -> {sys.argv[2]}")
