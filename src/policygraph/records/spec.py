"""What a record file may hold: sections, their fields and the kind of value each takes.

The checker (``check.py``) reads these tables; the mapping (``policygraph.mapping``) turns checked
fields into triples. Adding a field means adding a line here and one in the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Kinds of value a field can hold.
TEXT = "text"  # one string
LABELS = "labels"  # {language: string}, one per language
MULTI_LABELS = "multi-labels"  # {language: string or [strings]}
DATE = "date"  # an ISO date, as precise as known: YYYY-MM-DD, YYYY-MM or YYYY
INT = "int"
DECIMAL = "decimal"
REF = "ref"  # the id of a declared entity
REFS = "refs"  # a list of ids
CONCEPT = "concept"  # the code of a SKOS concept (topic.stablecoin)
CONCEPTS = "concepts"
QUOTES = "quotes"  # a verbatim quote of the source, or a list of them
URL = "url"
CHOICE = "choice"  # one of ``Field.choices``
CHOICES = "choices"
NESTED = "nested"  # a list of sub-records (``Field.section``)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    #: for REF/REFS: the sections an id may come from; for CONCEPT(S): the allowed schemes
    targets: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    #: for NESTED: the section spec of the sub-records
    section: str = ""
    help: str = ""


@dataclass(frozen=True)
class Section:
    """A top-level list in a record file (``people:``) and the fields of its records."""

    name: str
    record: str  # singular, for messages
    fields: tuple[Field, ...]
    #: graphs this section may appear in: reference, curation, source
    graphs: tuple[str, ...]
    #: records of this section need a quote when written in a source graph
    quoted: bool = False
    has_id: bool = True

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


ORG_TYPES = ("formal", "unit", "government", "research", "company")
LABEL_FIELDS = (
    Field("labels", LABELS, required=True, help="{en: ..., zh: ..., zh-Latn-pinyin: ...}"),
    Field("alt_labels", MULTI_LABELS),
    Field("hidden_labels", MULTI_LABELS),
)
ENTITY = ("organisations", "people", "audiences", "places", "programmes", "forums")
ORGS = ("organisations",)
PLACES = ("places",)
#: Every section whose records have ids another source may name or restate.
NAMED = (*ENTITY, "events", "signals", "posts", "agenda")
PLACE_TYPES = ("city", "country", "district", "area")
PROGRAMME_TYPES = ("programme", "platform", "initiative")
EVENT_TYPES = ("study-session", "meeting", "speech", "forum-edition", "announcement", "opening")
ALL = ("reference", "curation", "source")

SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        Section(
            "schemes",
            "scheme",
            (Field("id", TEXT, True), Field("labels", LABELS, True)),
            ("reference",),
        ),
        Section(
            "concepts",
            "concept",
            (
                Field("id", TEXT, True),
                Field("scheme", CONCEPT, True),
                *LABEL_FIELDS,
                Field("broader", CONCEPTS),
                Field("definition", LABELS),
                Field("notation", TEXT),
                Field("same_as", URL),
            ),
            ("reference",),
        ),
        Section(
            "organisations",
            "organisation",
            (
                Field("id", TEXT, True),
                Field("types", CHOICES, True, choices=ORG_TYPES),
                *LABEL_FIELDS,
                Field("unit_of", REF, targets=ORGS),
                Field("part_of", REF, targets=ORGS, help="org:subOrganizationOf"),
                Field("location", REF, targets=PLACES),
                Field("same_as", URL),
                Field("quote", QUOTES),
            ),
            ALL,
        ),
        Section(
            "places",
            "place",
            (
                Field("id", TEXT, True),
                Field("types", CHOICES, choices=PLACE_TYPES),
                *LABEL_FIELDS,
                Field("part_of", REF, targets=PLACES),
                Field("same_as", URL),
                Field("quote", QUOTES),
            ),
            ALL,
        ),
        Section(
            "programmes",
            "programme",
            (
                Field("id", TEXT, True),
                Field("types", CHOICES, choices=PROGRAMME_TYPES),
                *LABEL_FIELDS,
                Field("launched_by", REF, targets=ORGS),
                Field("part_of", REF, targets=("programmes",)),
                Field("location", REF, targets=PLACES),
                Field("same_as", URL),
                Field("quote", QUOTES),
            ),
            ALL,
        ),
        Section(
            "forums",
            "forum",
            (
                Field("id", TEXT, True),
                *LABEL_FIELDS,
                Field("organiser", REF, targets=ORGS),
                Field("location", REF, targets=PLACES),
                Field("same_as", URL),
                Field("quote", QUOTES),
            ),
            ALL,
        ),
        Section(
            "people",
            "person",
            (Field("id", TEXT, True), *LABEL_FIELDS, Field("same_as", URL), Field("quote", QUOTES)),
            ALL,
        ),
        Section(
            "audiences",
            "audience",
            (
                Field("id", TEXT, True),
                *LABEL_FIELDS,
                Field("scope", REF, targets=ORGS),
                Field("quote", QUOTES),
            ),
            ALL,
        ),
        Section(
            "names",
            "name",
            (
                Field("entity", REF, True, targets=(*NAMED, "concepts")),
                Field("alt_labels", MULTI_LABELS),
                Field("hidden_labels", MULTI_LABELS),
                Field("quote", QUOTES, True),
            ),
            ("source",),
            quoted=True,
            has_id=False,
        ),
        Section(
            "relations",
            "relation",
            (
                Field("from", REF, True, targets=ORGS),
                Field("relation", CHOICE, True, choices=("unit-of", "part-of")),
                Field("to", REF, True, targets=ORGS),
                Field("quote", QUOTES),
                Field("basis", TEXT),
            ),
            ("source", "curation"),
            quoted=True,
            has_id=False,
        ),
        Section(
            "posts",
            "post",
            (
                Field("id", TEXT, True),
                Field("member", REF, True, targets=("people",)),
                Field("organisation", REF, True, targets=ORGS),
                Field("role", CONCEPT, True, targets=("role",)),
                Field("observed_on", DATE),
                Field("start", DATE),
                Field("end", DATE),
                Field("stated_as", LABELS),
                Field("quote", QUOTES),
            ),
            ("source", "curation"),
            quoted=True,
        ),
        Section(
            "participants",
            "participant",
            (
                Field("who", REF, True, targets=("people", "organisations")),
                # a restating source may name a participant without their capacity; the
                # shapes still want a role from some source (pg:ParticipationShape)
                Field("role", CONCEPT, targets=("prole",)),
                Field("stated_as", LABELS),
                Field("quote", QUOTES),
            ),
            ("source", "curation"),
            quoted=True,
            has_id=False,
        ),
        Section(
            "agenda",
            "agenda item",
            (
                Field("id", TEXT, True),
                *LABEL_FIELDS,
                Field("description", LABELS),
                Field("sequence", INT),
                Field("quote", QUOTES),
            ),
            ("source", "curation"),
            quoted=True,
        ),
        Section(
            "events",
            "event",
            (
                Field("id", TEXT, True),
                Field("types", CHOICES, choices=EVENT_TYPES),
                *LABEL_FIELDS,
                Field("date", DATE, True),
                Field("organiser", REF, targets=ORGS),
                Field("edition_of", REF, targets=("forums",)),
                Field("location", REF, targets=PLACES),
                Field("about", CONCEPTS, targets=("topic",)),
                Field("description", LABELS),
                Field("participants", NESTED, section="participants"),
                Field("agenda", NESTED, section="agenda"),
                Field("quote", QUOTES),
            ),
            ("source", "curation"),
            quoted=True,
        ),
        Section(
            "signals",
            "signal",
            (
                Field("id", TEXT, True),
                *LABEL_FIELDS,
                Field("nature", CONCEPT, True, targets=("nature",)),
                Field("issuer", REF, True, targets=ORGS),
                Field("speaker", REF, targets=("people", "organisations")),
                Field("date", DATE, True),
                Field("occasion", REF, targets=("events",)),
                Field("sequence", INT),
                Field("focus", LABELS),
                Field("topics", CONCEPTS, True, targets=("topic",)),
                Field("sectors", CONCEPTS, targets=("sector",)),
                Field("expected_roles", CONCEPTS, targets=("srole",)),
                Field("addressees", REFS, targets=("audiences", "organisations", "people")),
                Field("concerns", REFS, targets=NAMED),
                Field("goals", CONCEPTS, targets=("goal",)),
                Field("stance", CONCEPT, True, targets=("stance",)),
                Field("previous_stance", CONCEPT, targets=("stance",)),
                Field("instrument", CONCEPT, targets=("instr",)),
                Field("clarity", CONCEPT, targets=("clarity",)),
                Field("strength", INT),
                Field("confidence", DECIMAL, True),
                Field("quote", QUOTES),
            ),
            ("source", "curation"),
            quoted=True,
        ),
    )
}

#: Sections whose ids name entities other records may point to.
ENTITY_SECTIONS = NAMED
