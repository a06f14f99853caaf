"""The side-panel card of each node: names, types, facts, posts and source quotes.

The relations are not repeated here: the page lists them from the drawn edges.
"""

from __future__ import annotations

from typing import Any

from policygraph.iris import short_name
from policygraph.views.factset import Facts, Post
from policygraph.views.model import ViewModel
from policygraph.views.select import best_label

MAX_FACTS = 30


def _post_line(facts: Facts, posts: list[Post], lang: str, person_side: bool) -> str:
    """One line for one post, whatever number of sources restate it (``posts``: a row per title
    and date they gave, as ``Facts`` holds them)."""
    post = posts[0]
    role = best_label(facts, post.role, lang) if post.role else "member"
    if person_side:
        text = f"{role}, {best_label(facts, post.target, lang)}"
    else:
        text = f"{best_label(facts, post.member, lang)}: {role}"
    titles = sorted({p.stated for p in posts if p.stated})
    if titles:
        text += " (stated as " + ", ".join(f"“{title}”" for title in titles) + ")"
    dates = sorted({p.date for p in posts if p.date})
    if dates:
        text += f", observed {', '.join(dates)}"
    return text


def _by_post(posts: list[tuple[Post, bool]]) -> list[tuple[list[Post], bool]]:
    """The rows of each post together, in the order the posts first come."""
    grouped: dict[tuple[str, str, str, str, bool], list[Post]] = {}
    for post, side in posts:
        grouped.setdefault((post.iri, post.member, post.target, post.role, side), []).append(post)
    return [(rows, key[-1]) for key, rows in grouped.items()]


def _quotes(facts: Facts, about: str, iri: str, lang: str) -> list[list[str]]:
    return [
        [about, quote, best_label(facts, doc, lang) if doc else ""]
        for quote, doc in facts.quotes.get(iri, ())
    ]


def cards(facts: Facts, model: ViewModel, lang: str) -> dict[str, dict[str, Any]]:
    """One card per drawn node; empty sections are left out."""
    posts_of: dict[str, list[tuple[Post, bool]]] = {}
    for post in facts.posts:
        posts_of.setdefault(post.member, []).append((post, True))
        posts_of.setdefault(post.target, []).append((post, False))
    parts_of: dict[str, list[Post]] = {}
    for part in facts.participations:
        parts_of.setdefault(part.member, []).append(part)
        parts_of.setdefault(part.target, []).append(part)
    result: dict[str, dict[str, Any]] = {}
    for iri, node in model.nodes.items():
        card: dict[str, Any] = {"id": short_name(iri)}
        labels = [list(entry) for entry in facts.labels.get(iri, ())]
        if labels:
            card["labels"] = labels
        types = sorted({best_label(facts, t, lang) for t in facts.types.get(iri, ())})
        if types:
            card["types"] = types
        literal = [
            [best_label(facts, p, lang), value]
            for p, value in facts.literals.get(iri, ())
            if not p.endswith(("prefLabel", "altLabel", "hiddenLabel", "#label", "/title"))
        ]
        if literal:
            card["facts"] = literal[:MAX_FACTS]
        posts = _by_post(posts_of.get(iri, []))
        if posts:
            card["posts"] = [_post_line(facts, rows, lang, side) for rows, side in posts]
        quotes = _quotes(facts, node.label, iri, lang)
        for rows, side in posts:
            about = "post: " + _post_line(facts, rows, lang, side)
            quotes += _quotes(facts, about, rows[0].iri, lang)
        for part in parts_of.get(iri, []):
            role = best_label(facts, part.role, lang) if part.role else "took part"
            about = f"{best_label(facts, part.member, lang)}: {role}"
            quotes += _quotes(facts, about, part.iri, lang)
        if quotes:
            card["quotes"] = quotes
        result[iri] = card
    return result
