/* kg network view: draws the embedded data with vis-network, filters it in the page, and shows
   the details of a clicked node or edge. Every string from the data enters the page through
   textContent or as a plain-text vis title (which vis-network writes with innerText), never as
   HTML, because names and sentences come from news articles. */
(function () {
  "use strict";
  var timing = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timing.parsed = performance.now();
  var categories = {};
  data.categories.forEach(function (c) { categories[c.key] = c; });
  var nodesById = {};
  data.nodes.forEach(function (n) { nodesById[n.id] = n; });
  var edgesById = {};
  data.edges.forEach(function (e) { edgesById[e.id] = e; });
  var sourced = {};  // node id -> number of sourced (non-reference) edges
  data.edges.forEach(function (e) {
    if (!e.reference) { sourced[e.from] = (sourced[e.from] || 0) + 1; sourced[e.to] = (sourced[e.to] || 0) + 1; }
  });
  var GLYPHS = { dot: "\u25cf", square: "\u25a0", diamond: "\u25c6", triangle: "\u25b2", hexagon: "\u2b22" };
  var MAX_SOURCES = 40;
  var LABELLED = 300;


  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function category(node) { return categories[node.category] || { label: node.category, color: "#7f8c8d", shape: "dot" }; }

  function dates(item) {
    if (!item.first && !item.last) { return ""; }
    if (item.first === item.last || !item.last) { return item.first; }
    return (item.first || "?") + " \u2013 " + item.last;
  }

  function edgeTitle(e) {
    var a = nodesById[e.from].label, b = nodesById[e.to].label;
    var lines = [a + " \u2014 " + e.relation + " \u2014 " + b];
    if (e.reference) { lines.push("from the reference gazetteer"); }
    else { lines.push(e.evidence.length + " source sentence" + (e.evidence.length === 1 ? "" : "s") + (dates(e) ? ", " + dates(e) : "")); }
    return lines.join("\n");
  }

  // ------------------------------------------------------------------ the drawing
  // Sizes and widths scale with events or degree only where they differ; equal values draw plain.
  var spread = function (values) { return values.some(function (v) { return v !== values[0]; }); };
  var sized = spread(data.nodes.map(function (n) { return n.size; }));
  var weighted = spread(data.edges.map(function (e) { return e.weight; }));
  // A large page draws the names of its LABELLED largest nodes only: the rest show on hover,
  // click and Find. Thousands of names cannot be read at once, and laying out each one's text is
  // most of what vis-network spends building a 5,000-node page.
  var labelFrom = 0;
  if (!data.physics && data.nodes.length > LABELLED) {
    labelFrom = data.nodes.map(function (n) { return n.size; }).sort(function (a, b) { return b - a; })[LABELLED - 1];
  }
  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    var c = category(n);
    var named = n.kind !== "event" && n.size >= labelFrom;
    var item = {
      // events are many and their names repeat ("Armed clash 2024-03-08"): they show on hover and click
      id: n.id, label: named ? n.label : undefined, group: n.category, value: sized ? Math.max(n.size, 1) : undefined,
      title: n.label + "\n" + (n.type || c.label) + (dates(n) ? "\n" + dates(n) : "")
    };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  // Colours and shapes live in vis groups (one per legend category) and the edge default, so
  // vis-network parses each colour once rather than once for each of thousands of items.
  var groups = {};
  data.categories.forEach(function (c) {
    groups[c.key] = { shape: c.shape, color: { background: c.color, border: "#ffffff",
      highlight: { background: c.color, border: "#1f2933" }, hover: { background: c.color, border: "#1f2933" } } };
  });
  var EDGE_COLOUR = { color: "#9aa5b1", highlight: "#1f2933", hover: "#1f2933", opacity: 0.75 };
  function visEdge(e) {
    var item = { id: e.id, from: e.from, to: e.to, title: edgeTitle(e) };
    if (weighted) { item.value = Math.max(e.weight, 1); }
    if (e.reference) { item.dashes = true; }
    if (data.relations[e.relation]) { item.color = { color: data.relations[e.relation], highlight: "#1f2933", hover: "#1f2933", opacity: 0.75 }; }
    return item;
  }
  var visEdges = new vis.DataSet(data.edges.map(visEdge));

  var state = { hidden: {}, since: "", until: "", operation: "", minEvidence: 0 };
  var visible = { nodes: new Set(), edges: new Set() };

  function filtering() { return Boolean(state.since || state.until || state.operation || state.minEvidence > 0); }

  function passes(item) {
    if (state.operation && item.operations.indexOf(state.operation) < 0) { return false; }
    if (item.evidence.length < state.minEvidence) { return false; }
    if (state.since && !((item.last || item.first) && (item.last || item.first) >= state.since)) { return false; }
    if (state.until && !((item.first || item.last) && (item.first || item.last) <= state.until)) { return false; }
    return true;
  }

  function computeVisible() {
    var touched = new Set(), edges = new Set(), nodes = new Set();
    var shown = function (id) { return !state.hidden[nodesById[id].category]; };
    data.edges.forEach(function (e) {
      if (!e.reference && shown(e.from) && shown(e.to) && passes(e)) { edges.add(e.id); touched.add(e.from); touched.add(e.to); }
    });
    data.nodes.forEach(function (n) {
      if (shown(n.id) && (touched.has(n.id) || !filtering() || (!sourced[n.id] && passes(n)))) { nodes.add(n.id); }
    });
    data.edges.forEach(function (e) {
      if (e.reference && nodes.has(e.from) && nodes.has(e.to)) { edges.add(e.id); }
    });
    visible = { nodes: nodes, edges: edges };
    document.getElementById("counts").textContent =
      "showing " + nodes.size + " of " + data.nodes.length + " nodes, " + edges.size + " of " + data.edges.length + " edges";
  }
  computeVisible();

  var nodeView = new vis.DataView(visNodes, { filter: function (n) { return visible.nodes.has(n.id); } });
  var edgeView = new vis.DataView(visEdges, { filter: function (e) { return visible.edges.has(e.id); } });
  var large = !data.physics;
  var options = {
    autoResize: true,
    nodes: { borderWidth: 1.5, font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             size: 12, scaling: { min: 8, max: 36, label: { enabled: true, min: 14, max: 22, drawThreshold: 6, maxVisible: 26 } } },
    groups: groups,
    edges: { smooth: false, color: EDGE_COLOUR, scaling: { min: 1, max: 8 }, selectionWidth: 2, hoverWidth: 1.5 },
    interaction: { hover: !large, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large, navigationButtons: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: data.physics ? {
      solver: "forceAtlas2Based",
      // small graphs get room for their labels; larger ones are pulled together so they fit the screen
      forceAtlas2Based: data.nodes.length < 120
        ? { gravitationalConstant: -80, centralGravity: 0.015, springLength: 100, springConstant: 0.07, avoidOverlap: 0.8 }
        : { gravitationalConstant: -55, centralGravity: 0.025, springLength: 80, springConstant: 0.09, avoidOverlap: 0.6 },
      stabilization: { iterations: 400, updateInterval: 50 }
    } : false
  };
  var container = document.getElementById("network");
  timing.prepared = performance.now();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  timing.network = performance.now();

  var ready = !data.physics || !data.nodes.length;
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit();
    ready = true;
  });
  network.on("afterDrawing", function () {
    if (ready && !window.kgReady) {
      timing.drawn = performance.now();
      window.kgReady = true;
      document.body.setAttribute("data-ready", "true");
    }
  });

  // ------------------------------------------------------------------ details panel
  var details = document.getElementById("details");

  function row(list, term, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    list.appendChild(el("dt", term));
    list.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value));
  }

  function articleLine(index) {
    var article = data.articles[index];
    var line = el("div", null, "source");
    if (!article) { line.textContent = "article unknown"; return line; }
    var name = article.headline || article.id;
    if (article.url && /^https?:\/\//i.test(article.url)) {
      var link = el("a", name);
      link.href = article.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.appendChild(link);
    } else {
      line.appendChild(el("span", name));
    }
    var about = [article.publisher, article.date, article.id !== name ? article.id : ""].filter(Boolean).join(", ");
    if (about) { line.appendChild(document.createTextNode(" (" + about + ")")); }
    return line;
  }

  function sentence(index) {
    var item = data.evidence[index];
    var box = el("div", null, "evidence");
    if (!item) { return box; }
    box.appendChild(el("blockquote", item.quote));
    box.appendChild(articleLine(item.article));
    return box;
  }

  function claimBlock(index) {
    var claim = data.claims[index];
    var box = el("div", null, "claim");
    var bound = (claim.bound || "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();  // atLeast -> at least
    var figure = [claim.quantity || "figure", ":", bound, claim.value !== null && claim.value !== undefined ? claim.value : "",
                  claim.upper ? "\u2013 " + claim.upper : "", claim.victims ? "(" + claim.victims + ")" : ""]
      .filter(function (p) { return p !== ""; }).join(" ").replace(" :", ":");
    var head = el("div");
    head.appendChild(el("strong", figure));
    head.appendChild(document.createTextNode(" \u2014 according to " + (claim.claimant || "no named claimant")));
    if (claim.unverified) { head.appendChild(el("span", " (not independently verified)", "flag")); }
    box.appendChild(head);
    if (claim.evidence !== null && claim.evidence !== undefined) { box.appendChild(sentence(claim.evidence)); }
    return box;
  }

  function evidenceSections(item) {
    if (item.claims.length) {
      details.appendChild(el("h3", "Claims (" + item.claims.length + ")"));
      item.claims.forEach(function (i) { details.appendChild(claimBlock(i)); });
    }
    details.appendChild(el("h3", "Sources (" + item.evidence.length + ")"));
    if (!item.evidence.length) {
      details.appendChild(el("p", item.reference ? "From the reference gazetteer, not from an article." : "No source sentence.", "hint"));
    }
    item.evidence.slice(0, MAX_SOURCES).forEach(function (i) { details.appendChild(sentence(i)); });
    if (item.evidence.length > MAX_SOURCES) { details.appendChild(el("p", "and " + (item.evidence.length - MAX_SOURCES) + " more", "hint")); }
  }

  function operationNames(item) {
    return item.operations.map(function (iri) {
      var found = data.operations.filter(function (o) { return o.id === iri; })[0];
      return found ? found.label : iri;
    });
  }

  function showNode(id) {
    timing.shown = performance.now();
    var n = nodesById[id];
    details.textContent = "";
    details.setAttribute("data-shown", "node:" + n.id);
    details.appendChild(el("h2", n.label));
    var list = el("dl");
    row(list, "type", n.type || category(n).label);
    row(list, "aliases", n.aliases);
    row(list, "dates", dates(n));
    row(list, "events", n.events || "");
    row(list, "links", n.degree);
    row(list, "operations", operationNames(n));
    row(list, "claimant", n.claimant);
    if (n.unverified) { row(list, "verified", "no: the article says it could not be independently verified"); }
    row(list, "identifier", n.iri);
    details.appendChild(list);
    evidenceSections(n);
  }

  function showEdge(id) {
    var e = edgesById[id];
    details.textContent = "";
    details.setAttribute("data-shown", "edge:" + e.id);
    details.appendChild(el("h2", nodesById[e.from].label + " \u2014 " + e.relation + " \u2014 " + nodesById[e.to].label));
    var list = el("dl");
    row(list, "relation", e.relation);
    row(list, "evidence", e.reference ? "reference gazetteer" : e.weight + (data.kind === "actors" ? " statement(s)" : " event(s)"));
    row(list, "dates", dates(e));
    row(list, "operations", operationNames(e));
    details.appendChild(list);
    evidenceSections(e);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ------------------------------------------------------------------ filters and legend
  var legend = document.getElementById("legend");
  data.categories.forEach(function (c) {
    var count = data.nodes.filter(function (n) { return n.category === c.key; }).length;
    var item = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.key;
    box.addEventListener("change", function () { state.hidden[c.key] = !box.checked; refresh(); });
    var glyph = el("span", GLYPHS[c.shape] || GLYPHS.dot, "glyph");
    glyph.style.color = c.color;
    label.appendChild(box);
    label.appendChild(glyph);
    label.appendChild(el("span", c.label));
    label.appendChild(el("span", count, "count"));
    item.appendChild(label);
    legend.appendChild(item);
  });

  var edgeLegend = document.getElementById("edge-legend");
  var relations = {};
  data.edges.forEach(function (e) { relations[e.relation] = relations[e.relation] || e.reference; });
  Object.keys(relations).sort().forEach(function (name) {
    var item = el("li"), line = el("span", null, "line" + (relations[name] ? " dashed" : ""));
    line.style.borderTopColor = data.relations[name] || "#9aa5b1";
    item.appendChild(line);
    item.appendChild(el("span", name + (relations[name] ? " (gazetteer)" : "")));
    edgeLegend.appendChild(item);
  });

  var select = document.getElementById("operation");
  data.operations.forEach(function (o) {
    var option = el("option", o.label);
    option.value = o.id;
    select.appendChild(option);
  });
  if (!data.operations.length) { select.disabled = true; }

  function refresh() {
    computeVisible();
    nodeView.refresh();
    edgeView.refresh();
  }

  function read() {
    state.since = document.getElementById("since").value;
    state.until = document.getElementById("until").value;
    state.operation = select.value;
    state.minEvidence = parseInt(document.getElementById("min-evidence").value, 10) || 0;
    refresh();
  }
  ["since", "until", "operation", "min-evidence"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", read);
    document.getElementById(id).addEventListener("input", read);
  });
  document.getElementById("filters").addEventListener("reset", function () {
    state.hidden = {};
    setTimeout(read, 0);
  });
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });

  document.getElementById("find").addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    var needle = this.value.trim().toLowerCase();
    if (!needle) { return; }
    var found = data.nodes.filter(function (n) {
      return visible.nodes.has(n.id) && [n.label].concat(n.aliases).some(function (s) { return s.toLowerCase().indexOf(needle) >= 0; });
    })[0];
    if (found) {
      network.selectNodes([found.id]);
      network.focus(found.id, { scale: 1.2, animation: false });
      showNode(found.id);
    }
  });

  var notice = document.getElementById("notice");
  var message = data.notice || (data.nodes.length ? "" : "Nothing in the store matches these filters: widen them (kg view --help).");
  if (message) { notice.textContent = message; notice.hidden = false; }

  window.kgView = {
    data: data, network: network, timing: timing, drawnEdges: function () { return edgeView.length; }, showNode: showNode, showEdge: showEdge,
    visibleNodes: function () { return Array.from(visible.nodes); },
    visibleEdges: function () { return Array.from(visible.edges); }
  };
}());
