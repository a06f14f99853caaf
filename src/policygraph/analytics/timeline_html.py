"""A self-contained HTML timeline: no external URL, data embedded as escaped JSON, rendered
with ``textContent`` (never ``innerHTML``), and the same bytes for the same graph."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from rdflib import Dataset

from policygraph.analytics.timeline import Entry, timeline
from policygraph.store import union_store

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }}
ol {{ list-style: none; padding: 0; border-left: 3px solid #8aa; }}
li {{ margin: 0 0 1.2em 0; padding-left: 1em; position: relative; }}
li::before {{ content: ""; position: absolute; left: -0.5em; top: 0.4em; width: 0.7em;
  height: 0.7em; border-radius: 50%; background: #468; }}
.date {{ font-weight: bold; color: #468; }} .meta {{ color: #555; font-size: 90%; }}
.directive {{ color: #a40; }} .interpretation {{ color: #466; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p id="count"></p>
<ol id="timeline"></ol>
<noscript><p>The timeline needs JavaScript; its data is in this file.</p></noscript>
<script type="application/json" id="timeline-data">{data}</script>
<script>
(function () {{
  "use strict";
  var entries = JSON.parse(document.getElementById("timeline-data").textContent);
  var list = document.getElementById("timeline");
  function add(parent, tag, cls, text) {{
    var node = document.createElement(tag);
    if (cls) {{ node.className = cls; }}
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }}
  document.getElementById("count").textContent = entries.length + " signal(s)";
  entries.forEach(function (e) {{
    var item = add(list, "li", "", "");
    add(item, "span", "date", e.date + " ");
    add(item, "span", e.nature, "[" + e.nature + "] ");
    add(item, "strong", "", e.label);
    add(item, "div", "meta", "issuer: " + e.issuer
      + (e.speaker ? " \\u00b7 voiced by: " + e.speaker : "")
      + " \\u00b7 stance: " + e.stance);
    add(item, "div", "meta", "topics: " + e.topics.join(", ")
      + (e.sectors.length ? " \\u00b7 sectors: " + e.sectors.join(", ") : ""));
    add(item, "div", "meta", "support: " + e.support + " source(s) \\u00b7 first seen: "
      + (e.first_seen || "unknown") + " \\u00b7 last seen: " + (e.last_seen || "unknown")
      + " \\u00b7 " + e.sources.join("; "));
  }});
}}());
</script>
</body>
</html>
"""


def script_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_timeline_html(entries: Sequence[Entry], *, title: str = "Policy signal timeline") -> str:
    return PAGE.format(title=html.escape(title), data=script_json([e.as_json() for e in entries]))


def render_dataset_timeline(dataset: Dataset) -> str:
    """The timeline page of a whole built dataset (what ``build`` writes)."""
    return render_timeline_html(timeline(union_store(dataset)))
