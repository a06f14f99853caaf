"""What changed between two builds: entities, signals and facts added, removed and changed.

A build is an RDF file (any syntax) or a git revision of the project's ``graph/`` (``REV`` for
``REV:graph/policygraph.trig``, or ``REV:path``). Facts are quads; a fact is *changed* when a
graph keeps the same subject and predicate but states another object.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from policygraph.errors import NotFoundError
from policygraph.iris import short_name
from policygraph.store import MemoryStore, load_file, rdf_format
from policygraph.vocab import PG

Quad = tuple[Node, Node, Node, Node]
DEFAULT_PATH = "graph/policygraph.trig"


@dataclass(frozen=True)
class Change:
    subject: Node
    predicate: Node
    graph: Node
    old: tuple[Node, ...]
    new: tuple[Node, ...]


@dataclass(frozen=True)
class SupportChange:
    """A claim whose number of supporting sources changed (0: not stated in that build)."""

    claim: URIRef
    label: str
    old: int
    new: int


@dataclass(frozen=True)
class Diff:
    added: tuple[Quad, ...]
    removed: tuple[Quad, ...]
    changed: tuple[Change, ...]
    entities_added: tuple[URIRef, ...]
    entities_removed: tuple[URIRef, ...]
    signals_added: tuple[URIRef, ...]
    signals_removed: tuple[URIRef, ...]
    support_changed: tuple[SupportChange, ...] = ()
    #: display labels of the IRIs in the changed facts (the new build's, else the old one's)
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def equal(self) -> bool:
        return not (self.added or self.removed)


def load_build(spec: str, repo: Path | None = None) -> Dataset:
    """A build from a file, or from git (``REV`` or ``REV:path``) in ``repo``."""
    path = Path(spec)
    if path.exists():
        return MemoryStore(load_file(path)).dataset()
    rev, _, inner = spec.partition(":")
    inner = inner or DEFAULT_PATH
    where = repo or Path.cwd()
    if rev.startswith("-") or not rev:
        raise NotFoundError(
            f"{spec}: no such file, and not a git revision (it starts with '-')"
            if rev
            else f"{spec}: no such file, and no git revision before ':'",
            hint="give an RDF file (./-name.ttl for a file whose name starts with -), "
            "a git revision (HEAD~1) or REV:path",
        )
    try:
        done = subprocess.run(
            ["git", "-C", str(where), "show", "--end-of-options", f"{rev}:{inner}"],
            capture_output=True,
            check=False,
        )
    except OSError as err:
        raise NotFoundError(f"{spec}: no such file, and git cannot run: {err}") from err
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NotFoundError(
            f"{spec}: no such file or git revision ({reason[-1] if reason else 'git failed'})",
            hint="give an RDF file, a git revision (HEAD~1) or REV:path",
        )
    rdf_format(Path(inner))  # the same reading of extensions as for files
    return MemoryStore(load_file(Path(inner), data=done.stdout)).dataset()


def _quads(dataset: Dataset) -> set[Quad]:
    return {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))}  # type: ignore[misc]


def _kinds(quads: set[Quad]) -> tuple[set[URIRef], set[URIRef]]:
    entities = {s for s, p, _, _ in quads if p == SKOS.prefLabel and isinstance(s, URIRef)}
    signals = {s for s, p, o, _ in quads if p == RDF.type and o == PG.PolicySignal}
    return entities, {s for s in signals if isinstance(s, URIRef)}


def diff(old: Dataset, new: Dataset) -> Diff:
    before, after = _quads(old), _quads(new)
    added, removed = after - before, before - after
    gone: dict[tuple[Node, Node, Node], list[Node]] = {}
    for s, p, o, g in removed:
        gone.setdefault((s, p, g), []).append(o)
    came: dict[tuple[Node, Node, Node], list[Node]] = {}
    for s, p, o, g in added:
        came.setdefault((s, p, g), []).append(o)
    changed = tuple(
        Change(
            s,
            p,
            g,
            tuple(sorted(gone[(s, p, g)], key=str)),
            tuple(sorted(came[(s, p, g)], key=str)),
        )
        for s, p, g in sorted(gone.keys() & came.keys(), key=str)
    )
    old_entities, old_signals = _kinds(before)
    new_entities, new_signals = _kinds(after)
    support_changed = _support_changes(old, new) if added or removed else ()
    labels = _labels(old, new, added | removed) if added or removed else {}
    return Diff(
        tuple(sorted(added, key=str)),
        tuple(sorted(removed, key=str)),
        changed,
        tuple(sorted(new_entities - old_entities)),
        tuple(sorted(old_entities - new_entities)),
        tuple(sorted(new_signals - old_signals)),
        tuple(sorted(old_signals - new_signals)),
        support_changed,
        labels,
    )


def _labels(old: Dataset, new: Dataset, quads: set[Quad]) -> dict[str, str]:
    """Display labels of the IRIs in ``quads``, from the new build, else from the old one."""
    from policygraph.names import display_labels
    from policygraph.store import union_store

    iris = {t for q in quads for t in q[:3] if isinstance(t, URIRef)}
    found: dict[str, str] = {}
    for dataset in (old, new):
        for iri, label in display_labels(union_store(dataset), iris).items():
            if label != short_name(str(iri)) or str(iri) not in found:
                found[str(iri)] = label
    return found


def _support_changes(old: Dataset, new: Dataset) -> tuple[SupportChange, ...]:
    """Claims whose support differs between the builds, labelled as in the new one."""
    from policygraph.analytics.claims import claim_labels
    from policygraph.analytics.support import support
    from policygraph.store import union_store

    old_store, new_store = union_store(old), union_store(new)
    before, after = support(old_store), support(new_store)
    changed = {
        claim
        for claim in before.keys() | after.keys()
        if (before[claim].count if claim in before else 0)
        != (after[claim].count if claim in after else 0)
    }
    labels = claim_labels(new_store, changed)
    old_labels = claim_labels(old_store, changed - after.keys())
    return tuple(
        sorted(
            (
                SupportChange(
                    claim,
                    labels[claim] if claim in after else old_labels[claim],
                    before[claim].count if claim in before else 0,
                    after[claim].count if claim in after else 0,
                )
                for claim in changed
            ),
            key=lambda c: (c.label, str(c.claim)),
        )
    )


def diff_builds(old: str, new: str, repo: Path | None = None) -> Diff:
    """``diff`` of two builds named as files or git revisions."""
    return diff(load_build(old, repo), load_build(new, repo))
