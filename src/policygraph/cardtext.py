"""``policygraph show``'s card as text for a terminal, or as JSON (``card.show`` makes it)."""

from __future__ import annotations

import json
from dataclasses import asdict
from itertools import groupby

from policygraph.card import Card
from policygraph.iris import short_name


def render_text(card: Card) -> str:
    """The card as text for a terminal."""
    out = [f"{card.label}  ({short_name(card.iri)})", f"types: {', '.join(card.types) or '-'}"]
    out.append("\nnames:")
    out += [
        f"  {n.kind:<6} {n.lang or '-':<15} {n.text}   [{graphs}]"
        for n, graphs in card.stated(card.names)
    ]
    if card.posts:
        out.append("\nposts:")
        for p in card.posts:
            role = p.role_label or p.role or "member"
            seen = f", observed {', '.join(p.observed_on)}" if p.observed_on else ""
            titles = ", ".join(f'"{title}"' for title in p.stated_as)
            stated = f" (stated as {titles})" if titles else ""
            out.append(f"  {role} of {p.organization_label}{stated}{seen}")
    if card.signals:
        out.append("\nsignals:")
        out += [
            f"  {s.relation:<13} {s.date or '-':<10} {s.label}  ({s.signal})" for s in card.signals
        ]
    for title, relations in (("relations out", card.outgoing), ("relations in", card.incoming)):
        if relations:
            out.append(f"\n{title}:")
            out += [
                f"  {r.predicate_label}: {r.other_label}  [{graphs}]"
                for r, graphs in card.stated(relations)
            ]
    if card.quotes:
        out.append("\nsources and quotes:")
        for claim, quotes in groupby(card.quotes, key=lambda q: q.claim):
            first = next(quotes)
            named = (
                f"{first.claim_label}  ({claim})" if first.claim_label not in ("", claim) else claim
            )
            out.append(f"  {named}")
            out += [
                f"    {q.source_label or q.source}: \u201c{q.quote}\u201d" for q in (first, *quotes)
            ]
    return "\n".join(out) + "\n"


def render_json(card: Card) -> str:
    return json.dumps(asdict(card), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
