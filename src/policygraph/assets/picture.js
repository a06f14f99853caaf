/* policygraph view, big views only (positions laid out in Python, physics off): a first picture.
 * vis-network needs more than a second to set up one object per node and per edge at 10,000
 * nodes, so this draws a plain picture of the same graph from the page's data first: every edge
 * as a line, every node as a dot in its colour, framed as the network will be. It draws no text.
 * The view script (view.js, inserted below by views/render.py) then runs on a later task and
 * builds the vis.Network over the picture, which is removed once vis-network has drawn. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var container = document.getElementById("pg-network");
  var width = container.clientWidth, height = container.clientHeight;
  var frame = framing(data.nodes, width, height);
  var picture = draw(data, frame, width, height);
  window.policygraphPicture = { position: frame.position, scale: frame.scale };

  /* vis-network's own fit measures every node label first; this frames the laid-out nodes,
   * their dots included, with vis-network's margin (1.1) and zoom cap (1). */
  function framing(nodes, w, h) {
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    nodes.forEach(function (n) {
      minX = Math.min(minX, n.x - n.size);
      maxX = Math.max(maxX, n.x + n.size);
      minY = Math.min(minY, n.y - n.size);
      maxY = Math.max(maxY, n.y + n.size);
    });
    if (!nodes.length) return { position: { x: 0, y: 0 }, scale: 1 };
    var scale = Math.min(w / ((maxX - minX) * 1.1), h / ((maxY - minY) * 1.1));
    if (!(scale > 0) || scale > 1) scale = 1;
    return { position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale: scale };
  }

  /* Lines and dots as vis-network draws them at this scale: an edge at least 0.3 px wide, a node
   * its size plus half its 1 px border, edges first. One path per colour. */
  function draw(d, f, w, h) {
    var ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.id = "pg-picture";
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.style.cssText = "position:absolute;left:0;top:0;pointer-events:none;" +
      "width:" + w + "px;height:" + h + "px";
    var ctx = canvas.getContext("2d");
    var s = f.scale * ratio;
    ctx.setTransform(s, 0, 0, s, ratio * w / 2 - f.position.x * s,
      ratio * h / 2 - f.position.y * s);
    var at = new Map();
    d.nodes.forEach(function (n) { at.set(n.id, n); });
    ctx.beginPath();
    d.edges.forEach(function (e) {
      var a = at.get(e.from), b = at.get(e.to);
      if (!a || !b) return;
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    });
    ctx.lineWidth = Math.max(d.options.edges.width, 0.3 / f.scale);
    ctx.strokeStyle = d.options.edges.color.color;
    ctx.stroke();
    var border = 0.5 / f.scale, byColour = new Map();
    d.nodes.forEach(function (n) {
      if (!byColour.has(n.color)) byColour.set(n.color, []);
      byColour.get(n.color).push(n);
    });
    Array.from(byColour.keys()).sort().forEach(function (colour) {
      ctx.beginPath();
      byColour.get(colour).forEach(function (n) {
        var r = n.size + Math.min(n.size, border);
        ctx.moveTo(n.x + r, n.y);
        ctx.arc(n.x, n.y, r, 0, 2 * Math.PI);
      });
      ctx.fillStyle = colour;
      ctx.fill();
    });
    container.parentNode.insertBefore(canvas, container.nextSibling);
    return canvas;
  }

  /* The network takes the picture's frame instead of its own fit (no label is measured for it),
   * and the picture goes once vis-network has drawn. */
  function framedSetData(setData) {
    return function (networkData) {
      var emitter = this.body.emitter, emit = emitter.emit;
      emitter.emit = function (name) {
        return name === "fit" ? emitter : emit.apply(emitter, arguments);
      };
      try {
        setData.call(this, networkData);
      } finally {
        emitter.emit = emit;
      }
      this.moveTo({ position: frame.position, scale: frame.scale, animation: false });
      measureVisibleNodeLabelsOnly(this);
      this.once("afterDrawing", function () { picture.remove(); });
    };
  }

  /* Without the fit, vis-network 9.1.2 measures every node label on the first draw instead: the
   * shapes drawn with their label below them (dot, square, diamond...) call Label.getTextSize
   * when sized and Label.calculateLabelSize before Label.draw, which then returns without drawing
   * when the label's font size on screen is under scaling.label.drawThreshold - 1. At 10,000
   * Chinese labels, with no CJK font installed, that is over a second. Skip exactly the labels of
   * those shapes that Label.draw would not draw; they are measured when zoomed in to, as before
   * (view.js does the same for edge labels). Shapes sized by their label (box, ellipse) keep
   * measuring. A node's bounding box leaves out a label not yet measured. */
  var LABEL_BELOW = {
    diamond: 1, dot: 1, hexagon: 1, square: 1, star: 1, triangle: 1, triangleDown: 1
  };

  function measureVisibleNodeLabelsOnly(network) {
    var node = null;
    for (var id in network.body.nodes) { node = network.body.nodes[id]; break; }
    var proto = node && Object.getPrototypeOf(node.labelModule);
    if (!proto || typeof proto.getTextSize !== "function" || proto.policygraphLabels) return;
    var getTextSize = proto.getTextSize, calculateLabelSize = proto.calculateLabelSize;
    function unseen(label) {
      var o = label.elementOptions;
      return Boolean(o.label && LABEL_BELOW[o.shape] &&
        label.fontOptions.size * label.body.view.scale < o.scaling.label.drawThreshold - 1);
    }
    proto.getTextSize = function () {
      if (!unseen(this)) return getTextSize.apply(this, arguments);
      return { width: this.size.width, height: this.size.height, lineCount: this.lineCount };
    };
    proto.calculateLabelSize = function () {
      if (!unseen(this)) calculateLabelSize.apply(this, arguments);
    };
    proto.policygraphLabels = true;
  }

  /* view.js, given a JSON whose parse returns the data parsed above: a 15 MB page is not
   * parsed twice. */
  function view(JSON) {
/* view.js */
  }

  window.requestAnimationFrame(function () {
    window.setTimeout(function () {
      window.policygraphPictureAt = performance.now();
      document.body.setAttribute("data-picture", "1");
      window.setTimeout(function () {
        var setData = vis.Network.prototype.setData;
        vis.Network.prototype.setData = framedSetData(setData);
        try {
          view({ parse: function () { return data; } });
        } finally {
          vis.Network.prototype.setData = setData;
        }
      }, 0);
    }, 0);
  });
})();
