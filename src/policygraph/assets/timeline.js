/* policygraph timeline: lanes of signals by date, filters, and a panel of quotes per signal.
 * Every text from the data is written with textContent or as an SVG attribute, never as HTML;
 * links are made only of web addresses and relative paths. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var signals = data.signals;
  var DAY = 86400000, LABEL_W = 230, ROW = 16, PAD = 10, AXIS = 30, RIGHT = 28;
  var LANE_H = 5 * ROW + 2 * PAD;
  var COLOURS = { "-2": "#b2182b", "-1": "#f4a582", "0": "#9e9e9e", "1": "#7fbf7b", "2": "#1b7837" };
  var UNKNOWN = "#d9d9d9";

  function byId(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function svg(tag, attrs, parent) {
    var node = document.createElementNS(NS, tag);
    for (var name in attrs) node.setAttribute(name, String(attrs[name]));
    if (parent) parent.appendChild(node);
    return node;
  }
  function titled(node, text) { svg("title", {}, node).textContent = text; return node; }

  /* dates: YYYY, YYYY-MM and YYYY-MM-DD are spans [start, end) in UTC milliseconds */
  function span(text) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text || "");
    if (!m) return null;
    var y = +m[1];
    if (m[3]) { var t = Date.UTC(y, +m[2] - 1, +m[3]); return [t, t + DAY, false]; }
    if (m[2]) return [Date.UTC(y, +m[2] - 1, 1), Date.UTC(y, +m[2], 1), true];
    return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1), true];
  }
  function notation(i) {
    if (i === null || i === undefined) return null;
    var n = parseInt(data.stances[i].n, 10);
    return isNaN(n) ? null : Math.max(-2, Math.min(2, n));
  }
  signals.forEach(function (s, i) {
    s.i = i;
    s.span = span(s.date);
    s.n = notation(s.stance);
    s.was = notation(s.previous);
    s.isReading = s.nature !== null && data.natures[s.nature].reading;
    var from = s.sources.slice();
    s.quotes.forEach(function (q) { if (from.indexOf(q[0]) < 0) from.push(q[0]); });
    if (s.reading !== null && from.indexOf(s.reading) < 0) from.push(s.reading);
    s.from = from;
  });

  /* filters */
  var lanes = byId("pg-lanes"), since = byId("pg-since"), until = byId("pg-until");
  var minSupport = byId("pg-support");
  var choices = { topic: "topics", sector: "sectors", issuer: "issuers", source: "sources" };
  var selects = {};
  Object.keys(choices).forEach(function (key) {
    var select = selects[key] = byId("pg-" + key);
    data[choices[key]].forEach(function (item, i) {
      var option = el("option", key === "source" ? sourceName(item) : item);
      option.value = String(i);
      select.appendChild(option);
    });
  });
  function sourceName(src) {
    return (src.publisher ? src.publisher + ": " : "") + src.label + (src.date ? " (" + src.date + ")" : "");
  }
  function bound(input, end) {
    var text = input.value.trim();
    var found = text ? span(text) : null;
    input.classList.toggle("pg-invalid", Boolean(text) && !found);
    return found ? found[end ? 1 : 0] : null;
  }
  function has(list, value) { return value === "" || list.indexOf(+value) >= 0; }
  function visible() {
    var from = bound(since, false), to = bound(until, true);
    var least = parseInt(minSupport.value, 10) || 0;
    return signals.filter(function (s) {
      if (!s.span || s.support < least) return false;
      if ((from !== null && s.span[1] <= from) || (to !== null && s.span[0] >= to)) return false;
      return has(s.topics, selects.topic.value) && has(s.sectors, selects.sector.value)
        && has(s.issuers, selects.issuer.value) && has(s.from, selects.source.value);
    });
  }

  /* axis */
  function iso(t, length) { return new Date(t).toISOString().slice(0, length); }
  function ticks(t0, t1, most) {
    var out = [], days = (t1 - t0) / DAY, step, t;
    if (days <= 62) {
      step = [1, 2, 7, 14, 31].filter(function (d) { return days / d <= most; })[0] || 31;
      for (t = Math.ceil(t0 / DAY) * DAY; t <= t1; t += step * DAY) out.push([t, iso(t, 10)]);
      return out;
    }
    step = [1, 2, 3, 6, 12, 24, 60, 120].filter(function (m) { return days / 30.44 / m <= most; })[0] || 120;
    var month = new Date(t0).getUTCFullYear() * 12;  /* January, then every step months */
    var at = function (m) { return Date.UTC(Math.floor(m / 12), m % 12, 1); };
    for (t = at(month); t <= t1; month += step, t = at(month)) {
      if (t >= t0) out.push([t, iso(t, step % 12 ? 7 : 4)]);
    }
    return out;
  }

  /* drawing */
  var chart = byId("pg-chart"), count = byId("pg-count"), drawnIds = [], drawnSet = {}, selected = null;
  function laneKeys(s) {
    var keys = lanes.value === "topic" ? s.topic : s.issuer;
    return keys.length ? keys : [-1];
  }
  function laneName(key) {
    if (key < 0) return lanes.value === "topic" ? "(no topic)" : "(no issuer)";
    return (lanes.value === "topic" ? data.topics : data.issuers)[key];
  }
  function radius(s) { return 4 + 2.5 * Math.sqrt(Math.max(0, s.support)); }
  function colour(n) { return n === null ? UNKNOWN : COLOURS[String(n)]; }

  function draw() {
    var shown = visible();
    chart.textContent = "";
    drawnIds = [];
    drawnSet = {};
    count.textContent = shown.length + " of " + signals.length + " signals";
    document.body.setAttribute("data-drawn", String(shown.length));
    if (!shown.length) { chart.appendChild(el("p", "No signal matches the filters.", "pg-empty")); return; }
    var byLane = {};
    shown.forEach(function (s) {
      laneKeys(s).forEach(function (k) { (byLane[k] = byLane[k] || []).push(s); });
    });
    var keys = Object.keys(byLane).map(Number).sort(function (a, b) {
      return (a < 0) - (b < 0) || a - b;
    });
    var t0 = Infinity, t1 = -Infinity;
    shown.forEach(function (s) { t0 = Math.min(t0, s.span[0]); t1 = Math.max(t1, s.span[1]); });
    var pad = Math.max((t1 - t0) * 0.03, 15 * DAY);
    t0 -= pad; t1 += pad;
    var width = Math.max(720, chart.clientWidth - 4), plot = width - LABEL_W - RIGHT;
    var height = AXIS + keys.length * LANE_H + 8;
    var x = function (t) { return LABEL_W + (t - t0) / (t1 - t0) * plot; };
    var root = svg("svg", { width: width, height: height, role: "img", "aria-label": "timeline" });
    keys.forEach(function (key, row) { drawLane(root, key, byLane[key], AXIS + row * LANE_H, row, x); });
    ticks(t0, t1, Math.max(2, Math.floor(plot / 90))).forEach(function (tick) {
      var at = x(tick[0]);
      svg("line", { x1: at, x2: at, y1: AXIS - 6, y2: height, "class": "pg-tick" }, root);
      svg("text", { x: at + 3, y: AXIS - 10, "class": "pg-tick-label" }, root).textContent = tick[1];
    });
    chart.appendChild(root);
    if (selected !== null) mark(selected);
  }

  function drawLane(root, key, items, top, row, x) {
    svg("rect", { x: 0, y: top, width: "100%", height: LANE_H, "class": "pg-lane-bg" + (row % 2 ? " pg-odd" : "") }, root);
    var name = laneName(key);
    var label = svg("text", { x: 8, y: top + LANE_H / 2 + 4, "class": "pg-lane-label" }, root);
    label.textContent = name.length > 34 ? name.slice(0, 33) + "…" : name;
    titled(label, name);
    for (var r = 0; r < 5; r++) {
      var ry = top + PAD + r * ROW + ROW / 2;
      svg("line", { x1: LABEL_W, x2: "100%", y1: ry, y2: ry, "class": "pg-row" }, root);
    }
    var y = function (n) { return top + PAD + (2 - (n === null ? 0 : n)) * ROW + ROW / 2; };
    items.sort(function (a, b) { return a.span[0] - b.span[0] || (a.label < b.label ? -1 : a.label > b.label ? 1 : a.i - b.i); });
    var placed = [], last = {};
    items.forEach(function (s) {
      var cx = (x(s.span[0]) + x(s.span[1])) / 2, rr = radius(s), rowKey = String(s.n);
      if (!s.span[2]) {
        if (last[rowKey] !== undefined && cx - rr < last[rowKey] + 1) cx = last[rowKey] + 1 + rr;
        last[rowKey] = cx + rr;
      }
      placed.push([s, cx, y(s.n), rr]);
    });
    drawChanges(root, placed, y);
    placed.forEach(function (p) { drawSignal(root, p[0], p[1], p[2], p[3], x); });
  }

  function drawChanges(root, placed, y) {
    var known = placed.filter(function (p) { return p[0].n !== null; });
    for (var k = 1; k < known.length; k++) {
      var a = known[k - 1], b = known[k], dir = b[0].n > a[0].n ? "pg-up" : b[0].n < a[0].n ? "pg-down" : "pg-flat";
      var line = svg("line", { x1: a[1], y1: a[2], x2: b[1], y2: b[2], "class": "pg-change " + dir }, root);
      if (dir !== "pg-flat") {
        titled(line, "stance: " + data.stances[a[0].stance].label + " → " + data.stances[b[0].stance].label);
      }
    }
    placed.forEach(function (p) {
      var s = p[0];
      if (s.was === null || s.n === null) return;
      var shift = svg("line", { x1: p[1], y1: y(s.was), x2: p[1], y2: p[2], "class": "pg-shift" }, root);
      titled(shift, readingLine(s) + ": " + data.stances[s.previous].label + " → " + data.stances[s.stance].label);
    });
  }

  function drawSignal(root, s, cx, cy, rr, x) {
    var node;
    if (s.span[2]) {
      var x0 = x(s.span[0]), x1 = x(s.span[1]);
      node = svg("rect", { x: x0, y: cy - rr, width: Math.max(2, x1 - x0), height: 2 * rr, rx: rr, "class": "pg-mark pg-span" }, root);
    } else {
      node = svg("circle", { cx: cx, cy: cy, r: rr, "class": "pg-mark" }, root);
    }
    var fill = colour(s.n);
    node.setAttribute("fill", s.isReading ? "#ffffff" : fill);
    if (s.isReading) { node.style.stroke = fill === UNKNOWN ? "#777" : fill; node.classList.add("pg-reading"); }
    node.setAttribute("data-i", String(s.i));
    node.setAttribute("data-id", s.id);
    titled(node, s.date + "  " + s.label + " (" + s.support + " source" + (s.support === 1 ? "" : "s") + ")");
    if (!drawnSet[s.id]) { drawnSet[s.id] = true; drawnIds.push(s.id); }
  }

  /* the panel */
  var panel = byId("pg-panel"), card = byId("pg-card");
  byId("pg-close").addEventListener("click", function () { panel.hidden = true; draw(); });
  function names(list, table) { return list.map(function (i) { return table[i]; }).join(", "); }
  function readingLine(s) {
    var src = s.reading === null ? null : data.sources[s.reading];
    if (!src) return "A reading";
    return "A reading by " + (src.publisher || src.label);
  }
  function line(text, cls) { card.appendChild(el("div", text, cls || "pg-meta")); }
  function safeLink(text, href) {
    if (!href || !(/^https?:\/\//.test(href) || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(href))) return null;
    var a = el("a", text);
    a.href = href;
    a.rel = "noopener noreferrer";
    return a;
  }
  function sourceLine(src) {
    var row = el("div", null, "pg-source");
    row.appendChild(el("span", [src.publisher, src.date].filter(Boolean).join(", ") || src.label));
    row.appendChild(el("span", " · " + src.label));
    [["archived text", src.text], ["original", src.url]].forEach(function (pair) {
      var a = safeLink(pair[0], pair[1]);
      if (a) { row.appendChild(el("span", " · ")); row.appendChild(a); }
    });
    return row;
  }
  function show(i) {
    var s = signals[i];
    selected = i;
    card.textContent = "";
    card.appendChild(el("h2", s.label));
    line(s.date + (s.span && s.span[2] ? " (date known to the " + (s.date.length === 4 ? "year" : "month") + ")" : ""));
    if (s.isReading) {
      var src = data.sources[s.reading];
      var by = readingLine(s) + (src ? ", in “" + src.label + "”" + (src.date ? " (" + src.date + ")" : "") : "");
      line(by + " of the stance of " + (names(s.issuer, data.issuers) || "an unnamed body"), "pg-reading-by");
    } else {
      line("issuer: " + (names(s.issuer, data.issuers) || "unknown") + (s.speaker ? " · voiced by: " + s.speaker : ""));
    }
    var stance = s.stance === null ? "unknown" : data.stances[s.stance].label;
    if (s.previous !== null) stance = data.stances[s.previous].label + " → " + stance;
    line("nature: " + (s.nature === null ? "unknown" : data.natures[s.nature].label) + " · stance: " + stance);
    if (s.topic.length) line("topics: " + names(s.topic, data.topics));
    if (s.sector.length) line("sectors: " + names(s.sector, data.sectors));
    line("support: " + s.support + " source(s) · first seen: " + (s.first || "unknown") + " · last seen: " + (s.last || "unknown"));
    card.appendChild(el("h3", "Quotes"));
    if (!s.quotes.length) line("No quote recorded.");
    s.quotes.forEach(function (q) {
      card.appendChild(el("blockquote", q[1]));
      card.appendChild(sourceLine(data.sources[q[0]]));
    });
    if (panel.hidden) { panel.hidden = false; draw(); } else { mark(i); }
  }
  function mark(i) {
    Array.prototype.forEach.call(chart.querySelectorAll(".pg-selected"), function (n) { n.classList.remove("pg-selected"); });
    Array.prototype.forEach.call(chart.querySelectorAll('.pg-mark[data-i="' + i + '"]'), function (n) { n.classList.add("pg-selected"); });
  }
  chart.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest(".pg-mark") : null;
    if (target) show(+target.getAttribute("data-i"));
  });

  /* legend */
  var legend = byId("pg-legend");
  function key(text, style) {
    var item = el("span", null, "pg-key"), swatch = el("i");
    Object.keys(style).forEach(function (name) { swatch.style[name] = style[name]; });
    item.appendChild(swatch);
    item.appendChild(el("span", text));
    legend.appendChild(item);
  }
  data.stances.slice().sort(function (a, b) { return (parseInt(b.n, 10) || 0) - (parseInt(a.n, 10) || 0); })
    .forEach(function (st) { key(st.label, { backgroundColor: colour(notation(data.stances.indexOf(st))) }); });
  data.natures.forEach(function (nat) {
    key(nat.label, nat.reading ? { border: "2px dashed #555", backgroundColor: "#fff" } : { backgroundColor: "#555" });
  });
  legend.appendChild(el("span", "size: number of sources · bar: date known to the month or year · line: stance over time (green up, red down)"));

  /* controls */
  [lanes, selects.topic, selects.sector, selects.issuer, selects.source, minSupport].forEach(function (c) {
    c.addEventListener("change", draw);
  });
  [since, until, minSupport].forEach(function (c) { c.addEventListener("input", draw); });
  byId("pg-filters").addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("resize", draw);

  draw();
  window.policygraphTimeline = { drawn: function () { return drawnIds.slice(); }, show: show };
  window.policygraphReadyAt = performance.now();
  document.body.setAttribute("data-ready", "1");
})();
