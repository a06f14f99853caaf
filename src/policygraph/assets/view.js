/* policygraph view: draws the graph, the legend, the search box and the side panel.
 * Every text from the data is written with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var groups = data.groups;
  var big = !data.physics;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function normalise(text) {
    var folded = String(text).normalize("NFKC").toLowerCase();
    var stripped = folded.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
    return stripped.replace(/[^\p{L}\p{N}]/gu, "");
  }

  /* Fitted to a graph of a hundred nodes or more, vis-network draws labels of a few pixels or
   * none at all (14 px times a scale under 0.36 is below its 5 px threshold). The biggest nodes
   * (the most connected) keep their labels at least 11 px on screen, whatever the zoom, so the
   * picture has its landmarks; zoomed in to where 14 px is readable, they are 14 px like every
   * other label. Checked before each drawing; changed only when off by more than a sixth. */
  var HUBS = 12, READABLE_PX = 11;
  var hubs = data.nodes.filter(function (n) {
    var group = data.groups[n.g];
    return !group || group.landmark !== false;  /* a scale's concepts are no landmarks */
  }).sort(function (a, b) {
    return (b.size || 0) - (a.size || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }).slice(0, HUBS);
  var baseFont = (data.options.nodes && data.options.nodes.font &&
                  data.options.nodes.font.size) || 14;
  var hubFont = baseFont;
  function hubStyle(scale) {
    var wanted = baseFont * scale >= READABLE_PX ? baseFont : Math.ceil(READABLE_PX / scale);
    /* a landmark's label wraps at about 160 px on screen, so long names do not cross the view */
    return { size: wanted, wrap: wanted === baseFont ? false : { maximum: Math.ceil(160 / scale) } };
  }
  /* Landmarks whose labels would cover one another on screen: the bigger node keeps its label.
   * A label's box is estimated from its text (a Chinese character as wide as the font, another
   * about half as wide), wrapped at 160 px, under its node. */
  function labelBox(n, p, scale, px) {
    var width = 0;
    String(n.label || "").split("").forEach(function (c) { width += c > "\u2e80" ? px : px * 0.55; });
    var lines = Math.max(1, Math.ceil(width / 160));
    var w = Math.min(width, 160), h = lines * px * 1.25, x = p.x * scale;
    var top = p.y * scale + (n.size || 10) * scale;
    return { left: x - w / 2, right: x + w / 2, top: top, bottom: top + h };
  }
  function hubUpdates(scale, at) {
    var style = hubStyle(scale), kept = [];
    return hubs.map(function (n) {
      var p = at(n.id), box = p && labelBox(n, p, scale, style.size * scale);
      var on = style.size !== baseFont && box && kept.every(function (k) {
        return box.right <= k.left || k.right <= box.left || box.bottom <= k.top || k.bottom <= box.top;
      });
      if (on) kept.push(box);
      return { id: n.id, font: { size: on ? style.size : baseFont },
               widthConstraint: on ? style.wrap : false };
    });
  }
  /* A big view is first drawn at its picture's scale (picture.js): its landmarks are set before
   * the network is made, so that its first drawing needs no second one to show them. */
  if (big && window.policygraphPicture && window.policygraphPicture.scale > 0) {
    var firstScale = window.policygraphPicture.scale;
    hubFont = hubStyle(firstScale).size;
    var byId = {};
    hubs.forEach(function (n) { byId[n.id] = n; });
    hubUpdates(firstScale, function (id) { return byId[id]; }).forEach(function (u) {
      if (u.font.size !== baseFont) { byId[u.id].font = u.font; byId[u.id].widthConstraint = u.widthConstraint; }
    });
  }

  /* nodes, edges and options as the view's pyvis Network made them */
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var labelOf = {};
  data.nodes.forEach(function (n) { labelOf[n.id] = n.label; });
  var options = data.options;
  var container = document.getElementById("pg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.policygraphNetwork = network;
  measureVisibleEdgeLabelsOnly(network);
  window.policygraphData = { nodes: nodes, edges: edges };

  /* vis-network 9.1.2 measures every edge label on the first draw (Edge.drawLabel calls
   * getTextSize, then Label.draw returns without drawing when the label's font size on screen is
   * under scaling.label.drawThreshold - 1): at 48,838 edges a seventh of the time to draw.
   * Skip exactly the labels Label.draw would not draw; they are measured when zoomed in to. */
  function measureVisibleEdgeLabelsOnly(net) {
    var edge = null;
    for (var id in net.body.edges) { edge = net.body.edges[id]; break; }
    var proto = edge && Object.getPrototypeOf(edge);
    if (!proto || typeof proto.drawLabel !== "function" || proto.policygraphLabels) return;
    var drawLabel = proto.drawLabel;
    proto.drawLabel = function (ctx, viaNode) {
      var o = this.options;
      var onScreen = this.labelModule.fontOptions.size * this.body.view.scale;
      if (o.label && onScreen < o.scaling.label.drawThreshold - 1) return;
      drawLabel.call(this, ctx, viaNode);
    };
    proto.policygraphLabels = true;
  }

  function labelHubs(scale, settled) {  /* settled: the nodes have just found their places */
    if (!(scale > 0)) return;
    var style = hubStyle(scale);
    if (!settled && Math.abs(style.size - hubFont) <= hubFont / 6) return;
    hubFont = style.size;
    var at = network.getPositions(hubs.map(function (n) { return n.id; }));
    nodes.update(hubUpdates(scale, function (id) { return at[id]; }));
  }
  /* every view: a big one (laid out, physics off) too, such as a project's overview once it
   * passes a few hundred nodes */
  network.on("beforeDrawing", function () { labelHubs(network.getScale()); });

  function ready() {
    if (window.policygraphReady) return;
    window.policygraphReady = true;
    window.policygraphReadyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  if (big) {
    network.once("afterDrawing", ready);
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      labelHubs(network.getScale(), true);
      network.once("afterDrawing", ready);
      network.redraw();
    });
  }

  /* legend */
  var legend = document.getElementById("pg-legend");
  groups.forEach(function (g) {
    var row = el("div");
    var swatch = el("span", null, "pg-swatch");
    swatch.style.backgroundColor = g.color;
    row.appendChild(swatch);
    row.appendChild(el("span", g.name));
    legend.appendChild(row);
  });

  /* side panel */
  var panel = document.getElementById("pg-panel");
  var card = document.getElementById("pg-card");
  document.getElementById("pg-close").addEventListener("click", function () {
    panel.hidden = true;
  });

  function section(title, items, render) {
    if (!items || !items.length) return;
    card.appendChild(el("h3", title));
    var list = el("ul");
    items.forEach(function (item) {
      var li = el("li");
      render(li, item);
      list.appendChild(li);
    });
    card.appendChild(list);
  }

  function link(id) {
    var a = el("a", labelOf[id] || id);
    a.addEventListener("click", function () { choose(id); });
    return a;
  }

  function showCard(id) {
    var info = data.cards[id] || {};
    card.textContent = "";
    card.appendChild(el("h2", labelOf[id] || id));
    card.appendChild(el("div", info.id || id, "pg-id"));
    section("Names", info.labels, function (li, l) {
      li.textContent = l[2] + (l[0] ? " [" + l[0] + "]" : "") + (l[1] === "pref" ? "" : " (" + l[1] + ")");
    });
    section("Types", info.types, function (li, t) { li.textContent = t; });
    section("Facts", info.facts, function (li, f) { li.textContent = f[0] + ": " + f[1]; });
    section("Posts", info.posts, function (li, p) { li.textContent = p; });
    var rel = network.getConnectedEdges(id).map(function (eid) { return edges.get(eid); });
    rel.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    section("Relations", rel, function (li, e) {
      var out = e.from === id;
      li.appendChild(el("span", (out ? "→ " : "← ") + e.label + ": "));
      li.appendChild(link(out ? e.to : e.from));
    });
    if (info.quotes && info.quotes.length) {
      card.appendChild(el("h3", "Source quotes"));
      info.quotes.forEach(function (q) {
        card.appendChild(el("div", q[0], "pg-about"));
        var block = el("blockquote", q[1]);
        if (q[2]) block.appendChild(el("div", "— " + q[2], "pg-about"));
        card.appendChild(block);
      });
    }
    panel.hidden = false;
  }

  function choose(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: big ? 1.0 : 1.2, animation: false });
    showCard(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showCard(params.nodes[0]);
  });

  /* search */
  var input = document.getElementById("pg-search");
  var hits = document.getElementById("pg-hits");
  function search(text) {
    var key = normalise(text);
    hits.textContent = "";
    if (!key) return [];
    var exact = [], partial = [];
    data.nodes.forEach(function (n) {
      if (n.k.indexOf(key) >= 0) exact.push(n);
      else if (n.k.some(function (k) { return k.indexOf(key) >= 0; })) partial.push(n);
    });
    var found = exact.concat(partial).slice(0, 20);
    found.forEach(function (n, i) {
      var li = el("li", n.label + " (" + groups[n.g].name + ")");
      if (i === 0) li.className = "pg-active";
      li.addEventListener("click", function () { hits.textContent = ""; choose(n.id); });
      hits.appendChild(li);
    });
    return found;
  }
  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = search(input.value);
      hits.textContent = "";
      if (found.length) choose(found[0].id);
    } else if (event.key === "Escape") {
      hits.textContent = "";
    }
  });
  window.policygraphSearch = search;
})();
