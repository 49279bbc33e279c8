/* rekg view: draws the page's JSON with vis-network, with legend, filters and tooltips.
 * Article text is untrusted: every string from the data reaches the page through
 * textContent or the canvas, never innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rekg-data").textContent);
  var meta = data.meta;
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

  // ---- data -------------------------------------------------------------------------
  var info = new Map();
  var visNodes = data.nodes.map(function (n) {
    info.set(n.id, n);
    var item = { id: n.id, label: n.label, group: n.group, x: n.x, y: n.y, size: n.size };
    if (n.color) item.color = { background: n.color, border: n.color };  // colour by community
    if (n.focus) {
      item.borderWidth = 5;
      item.color = { background: data.styles[n.group].color, border: "#111111" };
      item.font = { size: 18, bold: true, strokeWidth: 4 };
      item.size = Math.max(n.size, 26);
    }
    return item;
  });
  var edgeInfo = new Map();
  var visEdges = data.edges.map(function (e) {
    edgeInfo.set(e.id, e);
    var item = { id: e.id, from: e.from, to: e.to, label: e.label };
    if (e.smooth) item.smooth = e.smooth;
    return item;
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);

  // ---- filters ------------------------------------------------------------------------
  var shownGroups = new Set(data.groups.map(function (g) { return g.name; }));
  var shownTypes = new Set(data.types.map(function (t) { return t.name; }));
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
  function nodeVisible(item) {
    var n = info.get(item.id);
    return shownGroups.has(n.group) && (n.group !== "Event" || inRange(n.date, n.end));
  }
  function edgeVisible(item) {
    var e = edgeInfo.get(item.id);
    if (!shownTypes.has(e.label) || !inRange(e.date)) return false;
    var a = nodes.get(e.from), b = nodes.get(e.to);
    return !!(a && b && nodeVisible(a) && nodeVisible(b));
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });

  // ---- network ------------------------------------------------------------------------
  var groups = {};
  Object.keys(data.styles).forEach(function (g) {
    var s = data.styles[g];
    groups[g] = { shape: s.shape, color: { background: s.color, border: s.color,
      highlight: { background: s.color, border: "#111111" }, hover: { background: s.color, border: "#333333" } } };
  });
  var big = meta.big;
  var options = {
    groups: groups,
    nodes: { font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" }, borderWidth: 1 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
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
  window.rekgTimes.data = performance.now();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.rekgTimes.network = performance.now();

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
  function nodeTip(n) {
    var box = el("div");
    box.appendChild(el("div", "tip-title", n.label));
    var kind = n.labels.join(" \u00b7 ");
    if (n.kind) kind += " \u00b7 " + n.kind;
    box.appendChild(el("div", "tip-kind", kind));
    row(box, "titles", n.titles);
    row(box, "aliases", n.aliases);
    if (n.date) row(box, "date", n.end ? n.date + " \u2013 " + n.end : n.date);
    var arts = n.articles.slice();
    if (n.narticles > arts.length) arts.push("\u2026 " + (n.narticles - arts.length) + " more");
    row(box, "articles", arts);
    return box;
  }
  function edgeTip(e) {
    var box = el("div");
    var a = info.get(e.from), b = info.get(e.to);
    box.appendChild(el("div", "tip-title", (a ? a.label : e.from) + " \u2014" + e.label + "\u2192 " + (b ? b.label : e.to)));
    row(box, "role", e.role);
    row(box, "date", e.date);
    row(box, "confidence", e.confidence);
    var list = el("ol", "tip-evidence");
    e.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("q", null, ev.sentence));
      li.appendChild(el("span", "tip-article", " \u2014 " + ev.article));
      list.appendChild(li);
    });
    box.appendChild(list);
    if (e.nevidence > e.evidence.length) box.appendChild(el("div", "tip-more", (e.nevidence - e.evidence.length) + " more sentences"));
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
  network.on("hoverNode", function (p) { var n = info.get(p.node); if (n) showTip(nodeTip(n), p.pointer); });
  network.on("hoverEdge", function (p) { var e = edgeInfo.get(p.edge); if (e) showTip(edgeTip(e), p.pointer); });
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
    var n = info.get(id);
    status.textContent = n.label + ": " + around.length + " connected in this view. Its own view: rekg view " + id + " -o FILE.html";
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
  function showCounts() {
    counts.textContent = nodeView.length.toLocaleString("en") + " of " + data.nodes.length.toLocaleString("en") + " nodes, " +
      edgeView.length.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") + " relationships shown";
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
