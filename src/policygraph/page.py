"""The one HTML page shell of every page policygraph writes (network views, the timeline).

A page is one offline file: its styles and scripts inline, its data as JSON in a
``<script type="application/json" id="pg-data">`` element (``<``, ``>``, ``&`` and U+2028/U+2029
escaped by ``script_json``), and a Content-Security-Policy that allows nothing but the page's own
scripts, each by its SHA-256 hash: no request can leave the page, no injected or inline handler
runs. Scripts write text with ``textContent`` only. The same page gives the same bytes.

Page assets (markup, style, script) are package data in ``policygraph/assets/``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@cache
def asset(name: str) -> str:
    """The text of a page asset shipped in ``policygraph/assets/``."""
    return resources.files("policygraph").joinpath("assets", name).read_text("utf-8")


def script_json(data: object) -> str:
    """``data`` as compact, key-sorted JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def script_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def policy(scripts: Sequence[str]) -> str:
    """The Content-Security-Policy of a page running exactly ``scripts``."""
    return "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(script_hash(s) for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


@dataclass(frozen=True)
class Page:
    """What a page is made of. ``body`` is trusted markup (a package asset) in which ``{title}``
    stands for the escaped title; ``data`` is any JSON-able value, read by the scripts."""

    title: str
    body: str
    data: object
    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    lang: str = "en"


def render_page(page: Page) -> str:
    """The whole page as one string."""
    title, lang = html.escape(page.title), html.escape(page.lang)
    return "".join(
        (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{policy(page.scripts)}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{title}</title>\n",
            "<style>\n" + "\n".join(page.styles) + "</style>\n</head>\n",
            page.body.replace("{title}", title),
            f'<script type="application/json" id="pg-data">{script_json(page.data)}</script>\n',
            *(f"<script>{s}</script>\n" for s in page.scripts),
            "</body>\n</html>\n",
        )
    )


def framed(page: str, height: int = 640) -> str:
    """A page in a sandboxed ``<iframe srcdoc>`` (scripts run, in an opaque origin): how a
    notebook shows it (``_repr_html_``) with the page's own policy intact."""
    return (
        f'<iframe srcdoc="{html.escape(page)}" sandbox="allow-scripts" '
        f'style="width: 100%; height: {height}px; border: 0" title="policygraph"></iframe>'
    )
