/* rekg view: draws the page's JSON with vis-network, with legend, filters and tooltips.
 * Article text is untrusted: every string from the data reaches the page through
 * textContent or the canvas, never innerHTML. */
(function () {
  "use strict";
  var root = document.documentElement;
  window.rekgTimes = { start: performance.now() };
  root.dataset.rekg = "loading";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function byId(id) { return document.getElementById(id); }

  var data = JSON.parse(byId("rekg-data").textContent);
  var meta = data.meta, N = data.nodes, E = data.edges;
  var details = null;
  function detail() {  // what tooltips and the date filter read: parsed on first use
    if (!details) details = JSON.parse(byId("rekg-details").textContent);
    return details;
  }

  // ---- data: columns (render.py) to vis items -------------------------------------------
  var groupNames = data.groups.map(function (g) { return g.name; });
  var typeNames = data.types.map(function (t) { return t.name; });
  var big = meta.big;
  var ARROW_SCALE = 0.35;  // canvas scale from which a big view draws arrow heads (3 px and more)
  var visGroups = {};
  function visGroup(kind, color) {  // one vis group per kind (and community colour): no per-node styles
    var key = color ? kind + " " + color : kind;
    if (!visGroups[key]) {
      var s = data.styles[kind], c = color || s.color;
      visGroups[key] = { shape: s.shape, color: { background: c, border: c,
        highlight: { background: c, border: "#111111" }, hover: { background: c, border: "#333333" } } };
    }
    return key;
  }
  var index = new Map();  // node id -> its row in the columns
  var focus = new Set(meta.focus);
  var visNodes = N.id.map(function (id, i) {
    index.set(id, i);
    var kind = groupNames[N.group[i]];
    var community = N.community ? N.community[i] : -1;
    var color = community >= 0 ? data.palette[community] : null;
    var item = { id: id, label: N.label[i], group: visGroup(kind, color), x: N.x[i], y: N.y[i], size: N.size[i] };
    if (focus.has(id)) {
      item.borderWidth = 5;
      item.color = { background: data.styles[kind].color, border: "#111111" };
      item.font = { size: 18, bold: true, strokeWidth: 4 };
      item.size = Math.max(item.size, 26);
    }
    return item;
  });
  var edgeIndex = new Map();  // edge id -> its row
  var visEdges = E.from.map(function (a, j) {
    var type = typeNames[E.type[j]], from = N.id[a], to = N.id[E.to[j]];
    var item = { id: type + "|" + from + "|" + to, from: from, to: to };
    edgeIndex.set(item.id, j);
    if (!big) item.label = type;
    var k = E.bend[j];
    if (k) item.smooth = { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * ((k + 1) >> 1) };
    return item;
  });
  window.rekgTimes.data = performance.now();
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);

  // ---- filters ------------------------------------------------------------------------
  var shownGroups = new Set(groupNames);
  var shownTypes = new Set(typeNames);
  var range = { from: "", to: "" };
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

  function cmp(a, b) {  // compares on the shorter precision: 2024-07 lies within 2024
    var n = Math.min(a.length, b.length);
    a = a.slice(0, n); b = b.slice(0, n);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function inRange(date, end) {
    if (!date || !DATE.test(date)) return true;  // undated, or year unknown (--MM-DD): always shown
    var last = end && DATE.test(end) ? end : date;
    if (range.from && cmp(last, range.from) < 0) return false;
    if (range.to && cmp(date, range.to) > 0) return false;
    return true;
  }
  function nodeShown(i) {
    var kind = groupNames[N.group[i]];
    if (!shownGroups.has(kind)) return false;
    if (kind !== "Event" || !(range.from || range.to)) return true;
    var d = detail().nodes[i];
    return inRange(d.date, d.end);
  }
  function nodeVisible(item) { return nodeShown(index.get(item.id)); }
  function edgeVisible(item) {
    var j = edgeIndex.get(item.id);
    if (!shownTypes.has(typeNames[E.type[j]])) return false;
    if ((range.from || range.to) && !inRange(detail().edges[j].date)) return false;
    return nodeShown(E.from[j]) && nodeShown(E.to[j]);
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });

  // ---- network ------------------------------------------------------------------------
  var options = {
    groups: visGroups,
    nodes: { font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" }, borderWidth: 1 },
    edges: {
      arrows: { to: { enabled: !big, scaleFactor: 0.6 } },
      color: { color: "#9aa0a6", highlight: "#333333", hover: "#555555" },
      font: { size: 10, face: "system-ui, sans-serif", color: "#555555", strokeWidth: 3, align: "middle" },
      smooth: false,
      width: 1,
    },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false, keyboard: false },
    physics: meta.physics ? {
      enabled: true,
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -4000, centralGravity: 0.2, springLength: 120, springConstant: 0.04, damping: 0.4, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: 200, fit: true },
      minVelocity: 1,
    } : false,
  };
  var container = byId("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.rekgTimes.network = performance.now();

  // A big view opens zoomed far out, where arrow heads are under a pixel yet take half of
  // every frame's drawing: they are drawn from the zoom at which they can be seen.
  if (big) {
    var arrows = false;
    var showArrows = function () {
      var on = network.getScale() >= ARROW_SCALE;
      if (on !== arrows) {
        arrows = on;
        network.setOptions({ edges: { arrows: { to: { enabled: on, scaleFactor: 0.6 } } } });
      }
    };
    network.on("zoom", showArrows);
    network.on("animationFinished", showArrows);
  }

  var stableDone = false;
  function markStable() {
    if (stableDone) return;
    stableDone = true;
    window.rekgTimes.stable = performance.now();
    root.dataset.rekg = "stable";
  }
  network.once("afterDrawing", function () {
    window.rekgTimes.drawn = performance.now();
    if (root.dataset.rekg === "loading") root.dataset.rekg = "drawn";
    if (!meta.physics) markStable();
  });
  if (meta.physics) {
    network.once("stabilized", function () { network.fit(); markStable(); });
    // a graph that never settles below minVelocity still counts as drawn and usable
    network.once("stabilizationIterationsDone", function () { setTimeout(markStable, 3000); });
  }

  // ---- tooltip: built from text nodes on hover -----------------------------------------
  var tip = byId("tooltip");
  function row(parent, label, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var r = el("div", "tip-row");
    r.appendChild(el("span", "tip-key", label + ": "));
    r.appendChild(el("span", "tip-val", Array.isArray(value) ? value.join(", ") : value));
    parent.appendChild(r);
  }
  function nodeTip(i) {
    var d = detail().nodes[i];
    var box = el("div");
    box.appendChild(el("div", "tip-title", N.label[i]));
    var kind = d.labels.join(" \u00b7 ");
    if (d.kind) kind += " \u00b7 " + d.kind;
    box.appendChild(el("div", "tip-kind", kind));
    row(box, "titles", d.titles);
    row(box, "aliases", d.aliases);
    if (d.date) row(box, "date", d.end ? d.date + " \u2013 " + d.end : d.date);
    var arts = (d.articles || []).slice();
    var total = d.narticles || arts.length;
    if (total > arts.length) arts.push("\u2026 " + (total - arts.length) + " more");
    row(box, "articles", arts);
    return box;
  }
  function edgeTip(j) {
    var all = detail(), d = all.edges[j];
    var box = el("div");
    box.appendChild(el("div", "tip-title", N.label[E.from[j]] + " \u2014" + typeNames[E.type[j]] + "\u2192 " + N.label[E.to[j]]));
    row(box, "role", d.role);
    row(box, "date", d.date);
    row(box, "confidence", d.confidence);
    var list = el("ol", "tip-evidence");
    d.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("q", null, all.sentences[ev[1]]));
      li.appendChild(el("span", "tip-article", " \u2014 " + all.articles[ev[0]]));
      list.appendChild(li);
    });
    box.appendChild(list);
    var more = (d.nevidence || d.evidence.length) - d.evidence.length;
    if (more > 0) box.appendChild(el("div", "tip-more", more + " more sentences"));
    return box;
  }
  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.DOM.x + 14, y = rect.top + pointer.DOM.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 4) x = Math.max(4, x - w - 28);
    if (y + h > window.innerHeight - 4) y = Math.max(4, y - h - 28);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (p) { var i = index.get(p.node); if (i !== undefined) showTip(nodeTip(i), p.pointer); });
  network.on("hoverEdge", function (p) { var j = edgeIndex.get(p.edge); if (j !== undefined) showTip(edgeTip(j), p.pointer); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---- click: open the node's own view (served), or re-centre on it (file) ---------------
  var status = byId("status");
  network.on("click", function (p) {
    if (!p.nodes.length) return;
    var id = p.nodes[0];
    if (data.links && data.links.entity) {
      var depth = meta.kind === "entity" ? meta.depth : 1;
      window.location.assign(data.links.entity + encodeURIComponent(id) + "?depth=" + depth);
      return;
    }
    var around = network.getConnectedNodes(id);
    network.selectNodes([id].concat(around), true);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    status.textContent = N.label[index.get(id)] + ": " + around.length + " connected in this view. Its own view: rekg view " + id + " -o FILE.html";
  });

  // ---- panel: legend with kind filters, relationship types, dates ------------------------
  function swatch(shape, color) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "-8 -8 16 16");
    var s;
    var pts = {
      triangle: "0,-7 7,6 -7,6", triangleDown: "0,7 7,-6 -7,-6", diamond: "0,-7 7,0 0,7 -7,0",
      hexagon: "7,0 3.5,6 -3.5,6 -7,0 -3.5,-6 3.5,-6",
      star: "0,-7 2,-2 7,-2 3,1.5 4.5,7 0,3.5 -4.5,7 -3,1.5 -7,-2 -2,-2",
    }[shape];
    if (pts) { s = document.createElementNS(ns, "polygon"); s.setAttribute("points", pts); }
    else if (shape === "square") { s = document.createElementNS(ns, "rect"); s.setAttribute("x", "-6"); s.setAttribute("y", "-6"); s.setAttribute("width", "12"); s.setAttribute("height", "12"); }
    else { s = document.createElementNS(ns, "circle"); s.setAttribute("r", "6"); }
    s.setAttribute("fill", color);
    svg.appendChild(s);
    return svg;
  }
  function checkbox(list, name, count, set, icon) {
    var label = el("label", "filter");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = name;
    box.addEventListener("change", function () { if (box.checked) set.add(name); else set.delete(name); refresh(); });
    label.appendChild(box);
    if (icon) label.appendChild(icon);
    label.appendChild(el("span", "filter-name", name));
    label.appendChild(el("span", "filter-count", count));
    list.appendChild(label);
  }
  var legend = byId("legend");
  data.groups.forEach(function (g) {
    var s = data.styles[g.name];
    checkbox(legend, g.name, g.count, shownGroups, swatch(s.shape, s.color));
  });
  var types = byId("types");
  data.types.forEach(function (t) { checkbox(types, t.name, t.count, shownTypes, null); });
  (data.communities || []).forEach(function (c) {  // colour by community: a key, no filter
    var row = el("div", "filter", "");
    row.appendChild(swatch("dot", c.color));
    row.appendChild(el("span", "filter-name", "community: " + c.name));
    row.appendChild(el("span", "filter-count", c.count));
    legend.appendChild(row);
  });

  ["from", "to"].forEach(function (which) {
    var input = byId("date-" + which);
    input.addEventListener("input", function () {
      var v = input.value.trim();
      var ok = !v || DATE.test(v);
      input.classList.toggle("bad", !ok);
      range[which] = ok ? v : "";
      refresh();
    });
  });

  var counts = byId("counts");
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+$)/g, ","); }  // toLocaleString sets up Intl on every call
  function showCounts() {
    counts.textContent = thousands(nodeView.length) + " of " + thousands(N.id.length) + " nodes, " +
      thousands(edgeView.length) + " of " + thousands(E.from.length) + " relationships shown";
  }
  function refresh() {
    hideTip();
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
  }
  showCounts();

  // for tests, benchmarks and the curious: the live network and its data
  window.rekg = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, data: data,
    drawn: function () { return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }; },
  };
})();
