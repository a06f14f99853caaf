"""An analyst's questions about the SASAC article, asked of the repository's built graph.

The questions ask the article's own named graph (with names from the reference graph), so they
hold however many other sources data/ gains.

Each expected answer is taken from the article's text (data/sources/ffc-sasac-crypto-study.txt);
the comment above each test quotes the sentence it comes from.
"""

from __future__ import annotations

from pathlib import Path

from policygraph.store import MemoryStore
from policygraph.vocab import sparql_prologue

SRC = "pgg:src-ffc-sasac-crypto-study"
DOC = "pgr:doc-ffc-sasac-crypto-study"


def rows(store: MemoryStore, query: str) -> set[tuple[str, ...]]:
    result = store.query(sparql_prologue() + query)
    return {tuple(str(value) for value in row) for row in result}  # type: ignore[union-attr]


def ask(store: MemoryStore, query: str) -> bool:
    return bool(store.query(sparql_prologue() + query).askAnswer)


def en(var: str, node: str) -> str:
    return f'{node} skos:prefLabel {var} . FILTER(lang({var}) = "en")'


# "Led by SASAC Secretary He Qing (贺青)" ... "on July 10, 2025."
def test_who_led_the_meeting_and_when(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?leader ?date WHERE {{
        GRAPH {SRC} {{
            ?event a pg:StudySession ; schema:startDate ?date ; pg:participation ?p .
            ?p pg:participationRole kos:prole.chair ; pg:participant ?who . }}
        {en("?leader", "?who")} }}"""
    assert rows(repository_store, query) == {("He Qing", "2025-07-10")}
    typed = f"ASK {{ GRAPH {SRC} {{ ?e a pg:StudySession ; schema:startDate ?d }} }}"
    assert ask(repository_store, typed.replace("?d", '"2025-07-10"^^xsd:date'))


# "the Party Committee of the Shanghai State-owned Assets Supervision and Administration
# Commission (SASAC) ... did exactly that": a formal "central group study session" on
# cryptocurrencies and stablecoins.
def test_what_the_meeting_was(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?organiser ?topic ?description WHERE {{
        GRAPH {SRC} {{
            ?event a schema:Event, pg:StudySession ; schema:organizer ?o ; schema:about ?t ;
                schema:description ?description . }}
        {en("?organiser", "?o")} {en("?topic", "?t")} }}"""
    assert rows(repository_store, query) == {
        (
            "Party Committee of Shanghai SASAC",
            topic,
            "Cryptocurrencies and Stablecoins Development Trends & Response Strategies",
        )
        for topic in ("cryptocurrency", "stablecoin")
    }
    assert ask(
        repository_store, "ASK { pgr:org-sh-sasac-party-committee org:unitOf pgr:org-sh-sasac }"
    )


# "He’s the Secretary of the SASAC Party Committee and Director."
def test_he_qings_posts(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?org ?role ?date WHERE {{
        GRAPH {SRC} {{ ?m a org:Membership ; org:member pgr:person-he-qing ;
            org:organization ?o ; org:role ?r ; pg:observedOn ?date . }}
        {en("?org", "?o")} {en("?role", "?r")} }}"""
    assert rows(repository_store, query) == {
        ("Party Committee of Shanghai SASAC", "party committee secretary", "2025-07-10"),
        (
            "Shanghai State-owned Assets Supervision and Administration Commission",
            "director",
            "2025-07-10",
        ),
    }


# "An expert, Li Mingliang ... from Guotai Haitong Policy and Industry Research Institute,
# provided a deep dive"; "He’s the Chief of the Policy Group at the Guotai Haitong Policy and
# Industry Research Institute".
def test_who_briefed_the_meeting_and_from_which_institute(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?expert ?role ?group ?institute WHERE {{
        GRAPH {SRC} {{
            ?event pg:participation ?p .
            ?p pg:participationRole kos:prole.lecturer ; pg:participant ?who .
            ?m org:member ?who ; org:organization ?g ; org:role ?r . }}
        ?g org:unitOf ?i .
        {en("?expert", "?who")} {en("?role", "?r")} {en("?group", "?g")}
        {en("?institute", "?i")} }}"""
    assert rows(repository_store, query) == {
        (
            "Li Mingliang",
            "chief",
            "Policy Group of the Guotai Haitong Policy and Industry Research Institute",
            "Guotai Haitong Policy and Industry Research Institute",
        )
    }


# "Wang Zhiping (Wang Zhiping 王治平): Head of the Fourth Supervisory Group of the Municipal
# Party Committee, there to provide guidance."
def test_wang_zhipings_post_and_guiding_role(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?org ?parent ?role ?part WHERE {{
        GRAPH {SRC} {{
            ?m org:member pgr:person-wang-zhiping ; org:organization ?o ; org:role ?r .
            ?p pg:participant pgr:person-wang-zhiping ; pg:participationRole ?pr . }}
        ?o org:unitOf ?up .
        {en("?org", "?o")} {en("?parent", "?up")} {en("?role", "?r")} {en("?part", "?pr")} }}"""
    ((org, parent, role, part),) = rows(repository_store, query)
    assert (org, parent, role) == (
        "Fourth Supervisory Group of the Municipal Party Committee",
        "CPC Shanghai Municipal Committee",
        "group head",
    )
    assert "guid" in part.lower()


# "He Qing (He Qing 贺青)", "Wang Zhiping (Wang Zhiping 王治平)", "Li Mingliang (Li Mingliang
# 李明亮)", and once "Li Mingliang (李明liang)".
def test_chinese_names_of_the_people(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?en ?zh WHERE {{
        GRAPH {SRC} {{ ?x org:member|pg:participant ?p }}
        ?p a foaf:Person ; skos:prefLabel ?en, ?zh .
        FILTER(lang(?en) = "en" && lang(?zh) = "zh") }}"""
    assert rows(repository_store, query) == {
        ("He Qing", "贺青"),
        ("Wang Zhiping", "王治平"),
        ("Li Mingliang", "李明亮"),
    }
    variant = """SELECT ?g ?label ?lang WHERE {
        GRAPH ?g { pgr:person-li-mingliang skos:hiddenLabel ?label }
        BIND(lang(?label) AS ?lang) }"""
    assert rows(repository_store, variant) == {
        ("https://w3id.org/policygraph/graph/src-ffc-sasac-crypto-study", "李明liang", "zh")
    }
    assert not ask(repository_store, 'ASK { ?x skos:prefLabel|skos:altLabel "李明liang"@zh }')


# The four themes of Li's briefing: Crypto 101, Global Playbook, The Real Talk, The Roadmap.
def test_the_four_briefing_themes(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?n ?theme WHERE {{
        GRAPH {SRC} {{ ?event pg:agendaItem ?a . ?a a pg:AgendaItem ; pg:sequence ?n . }}
        {en("?theme", "?a")} }}"""
    assert rows(repository_store, query) == {
        ("1", "Crypto 101"),
        ("2", "Global Playbook"),
        ("3", "The Real Talk"),
        ("4", "The Roadmap"),
    }


# "Mandate 1: Embrace Innovation-Driven Development – Focus: Strengthen research and exploration
# into digital currencies by SOEs." (and likewise mandates 2 and 3)
def test_the_three_mandates_titles_and_focus(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?n ?title ?focus ?speaker ?issuer WHERE {{
        GRAPH {SRC} {{ ?s a pg:PolicySignal ; pg:signalNature kos:nature.directive ;
            pg:sequence ?n ; pg:focus ?focus ; prov:wasAttributedTo ?sp ; pg:issuer ?is ;
            pg:occasion ?event . }}
        {en("?title", "?s")} {en("?speaker", "?sp")} {en("?issuer", "?is")} }}"""
    issuer = "Party Committee of Shanghai SASAC"
    assert rows(repository_store, query) == {
        (
            "1",
            "Embrace Innovation-Driven Development",
            "Strengthen research and exploration into digital currencies by SOEs.",
            "He Qing",
            issuer,
        ),
        (
            "2",
            "Promote Industry-Digital Integration",
            "Apply blockchain in cross-border trade, supply chain finance, and asset "
            "digitalization.",
            "He Qing",
            issuer,
        ),
        (
            "3",
            "Foster Proactive Engagement",
            "Integrate technology, finance, and industry to enhance strategic agility.",
            "He Qing",
            issuer,
        ),
    }


# Mandate 2: "exploring blockchain applications in cross-border trade, supply chain finance, and
# asset digitalization"; mandate 3: "foster proactive engagement within tech, finance, and
# industry"; mandate 1 names no sector.
def test_sectors_each_mandate_names(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?n ?sector WHERE {{
        GRAPH {SRC} {{ ?s pg:sequence ?n ; pg:targetSector ?t . }} {en("?sector", "?t")} }}"""
    assert rows(repository_store, query) == {
        ("2", "cross-border trade"),
        ("2", "supply chain finance"),
        ("2", "asset digitalization"),
        ("3", "technology"),
        ("3", "finance"),
        ("3", "industry"),
    }


# Mandate 3: "He wants state-owned assets and enterprises to play a bigger role in:
# Technological innovation, Industrial control, Security support"; mandate 1 requires SOEs to
# research digital currencies; mandate 3 urges "leaders"; mandate 2 names no addressee.
def test_roles_and_addressees_of_the_mandates(repository_store: MemoryStore) -> None:
    roles = f"""SELECT ?n ?role WHERE {{
        GRAPH {SRC} {{ ?s pg:sequence ?n ; pg:expectedRole ?r . }} {en("?role", "?r")} }}"""
    assert rows(repository_store, roles) == {
        ("3", "technological innovation"),
        ("3", "industrial control"),
        ("3", "security support"),
    }
    addressees = f"""SELECT ?n ?a WHERE {{
        GRAPH {SRC} {{ ?s pg:sequence ?n ; pg:addressee ?x . }} ?x a schema:Audience .
        BIND(STRAFTER(STR(?x), STR(pgr:)) AS ?a) }}"""
    assert rows(repository_store, addressees) == {
        ("1", "aud-sh-soes"),
        ("3", "aud-sh-soes"),
        ("3", "aud-sh-soe-leaders"),
    }


# "helping Shanghai solidify its status as the “five centers”—global hubs for economy, finance,
# trade, shipping, and technological innovation."
def test_the_five_centers(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?n ?center WHERE {{
        GRAPH {SRC} {{ ?s pg:sequence ?n ; pg:goal ?goal . }}
        ?goal skos:narrower ?c . {en("?center", "?c")} }}"""
    assert rows(repository_store, query) == {
        ("3", "global economic center"),
        ("3", "global financial center"),
        ("3", "global trade center"),
        ("3", "global shipping center"),
        ("3", "global center for technological innovation"),
    }


# "Led by ... He Qing, the meeting signals a shift from a purely regulatory stance to one of
# strategic exploration": the article's reading, not something He Qing or SASAC said.
def test_the_stance_shift_is_the_articles_interpretation(repository_store: MemoryStore) -> None:
    query = f"""SELECT ?by ?in ?before ?after WHERE {{
        GRAPH {SRC} {{ ?s pg:signalNature kos:nature.interpretation ;
            prov:wasAttributedTo ?by ; pg:interpretedIn ?in ;
            pg:previousStance ?before ; pg:stance ?after . }} }}"""
    doc = "https://w3id.org/policygraph/id/doc-ffc-sasac-crypto-study"
    kos = "https://w3id.org/policygraph/kos/"
    assert rows(repository_store, query) == {
        (doc, doc, f"{kos}stance.restrictive", f"{kos}stance.exploratory")
    }
    assert not ask(
        repository_store,
        "ASK { ?s pg:signalNature kos:nature.interpretation ; prov:wasAttributedTo ?p . "
        "?p a foaf:Person }",
    )


ADVERTISED = ("Resume Captain", "TeamedUp", "ExpatInvest", "Salary Negotiation", "Get 25% Off")


# The page's advertisements (Resume Captain, TeamedUp China, ExpatInvest China) are not facts.
def test_nothing_from_the_advertisements(repository_store: MemoryStore) -> None:
    for phrase in ADVERTISED:
        query = f"""SELECT ?s WHERE {{ ?s ?p ?o . FILTER(isLiteral(?o) || isIRI(?o))
            FILTER(CONTAINS(LCASE(STR(?o)), "{phrase.lower()}")) }}"""
        assert rows(repository_store, query) == set(), phrase


# The institute's parent (it belongs to Guotai Haitong Securities) is not in the article. An
# analyst first added it in the curation graph; once another source stated it, the addition was
# retired (review-queue: "a source now states: retire it"). Either way the article's graph never
# holds it, and the graph that does is a labelled assertion graph, not the article's.
def test_what_the_article_does_not_state_stays_out_of_its_graph(
    repository_store: MemoryStore,
) -> None:
    parent = """pgr:org-gth-policy-industry-institute
        org:subOrganizationOf pgr:org-guotai-haitong-securities"""
    assert not ask(repository_store, f"ASK {{ GRAPH {SRC} {{ {parent} }} }}")
    assert not ask(
        repository_store, f"ASK {{ GRAPH {SRC} {{ ?s ?p pgr:org-guotai-haitong-securities }} }}"
    )
    held = f"ASK {{ GRAPH ?g {{ {parent} }} ?g a pg:AssertionGraph FILTER(?g != {SRC}) }}"
    assert ask(repository_store, held)


# The text gives no publication date and no author: unknown stays unknown.
def test_unknown_metadata_stays_unknown(repository_store: MemoryStore) -> None:
    assert not ask(repository_store, f"ASK {{ {DOC} dcterms:issued|dcterms:creator ?x }}")
    assert not ask(repository_store, f"ASK {{ {SRC} pg:firstSeen ?x }}")
    query = f"SELECT ?publisher WHERE {{ {DOC} dcterms:publisher ?publisher }}"
    assert rows(repository_store, query) == {("Fresh From China",)}
    assert ask(repository_store, f"ASK {{ {SRC} prov:wasDerivedFrom {DOC} }}")


def test_every_quote_is_verbatim_in_the_archived_text(
    repository_store: MemoryStore, sasac_root: Path
) -> None:
    text = (sasac_root / "data/sources/ffc-sasac-crypto-study.txt").read_text(encoding="utf-8")
    query = f"""SELECT ?node ?quote WHERE {{ GRAPH {SRC} {{
        ?node pg:evidence ?ev . ?ev oa:hasSource {DOC} ; oa:hasSelector/oa:exact ?quote . }} }}"""
    found = rows(repository_store, query)
    assert len(found) >= 20
    normalised = " ".join(text.split())
    for node, quote in found:
        assert " ".join(quote.split()) in normalised, (node, quote)
    # every signal, post, participation and event of the source cites it
    uncited = f"""SELECT ?n WHERE {{ GRAPH {SRC} {{
        ?n a ?cls . VALUES ?cls {{ pg:PolicySignal org:Membership pg:Participation schema:Event }}
        FILTER NOT EXISTS {{ ?n pg:evidence ?ev }} }} }}"""
    assert rows(repository_store, uncited) == set()
