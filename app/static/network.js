/* The network's pages: confirmation of destructive buttons, and the network view
   (schools, partners and municipalities drawn with the vendored Cytoscape.js).
   Text from the server is only ever set with textContent, never as HTML. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  var KIND_COLOURS = {
    museum: "#8e44ad", research: "#16a085", university: "#2c7be5",
    company: "#d68910", cultural: "#c0392b", other: "#7f8c8d"
  };

  var STYLE = [
    // Municipalities and partners are always labelled (at any zoom); schools, too many to
    // label at once, show their name while hovered (and in the tooltip) or selected.
    { selector: "node", style: {
      "label": "", "font-size": 10, "color": "#1d2433",
      "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis",
      "text-max-width": 120, "min-zoomed-font-size": 0,
      "text-background-color": "#ffffff", "text-background-opacity": 0.75,
      "text-background-padding": 1,
      "border-width": 1, "border-color": "#ffffff" } },
    { selector: "node[type = 'partner'], node[type = 'municipality'], node.hover, node:selected",
      style: { "label": "data(label)" } },
    { selector: "node.hover", style: { "z-index": 20, "font-weight": "bold" } },
    { selector: "node[type = 'school']", style: {
      "shape": "ellipse", "width": 16, "height": 16, "background-color": "#1f4e79" } },
    { selector: "node[type = 'partner']", style: {
      "shape": "round-diamond", "width": 20, "height": 20, "background-color": "data(colour)" } },
    { selector: "node[type = 'municipality']", style: {
      "shape": "round-rectangle", "width": 34, "height": 22, "background-color": "#98a2b3",
      "font-size": 11, "font-weight": "bold", "text-valign": "center", "text-margin-y": 0 } },
    { selector: "edge", style: {
      "width": 1, "line-color": "#d0d5dd", "curve-style": "haystack", "opacity": 0.8 } },
    { selector: "edge[type = 'alliance']", style: {
      "width": 2.5, "line-color": "#b3261e", "curve-style": "bezier", "opacity": 0.9 } },
    { selector: "edge[status = 'ended']", style: {
      "line-style": "dashed", "line-color": "#9aa4b2", "width": 1.5 } },
    { selector: "edge[status = 'archived']", style: {
      "line-style": "dotted", "line-color": "#c0c6cf", "width": 1 } },
    { selector: ":selected", style: {
      "border-width": 3, "border-color": "#f5b700", "line-color": "#f5b700" } },
    { selector: ".faded", style: { "opacity": 0.15 } }
  ];

  function element(data, group) {
    var copy = Object.assign({}, data);
    if (copy.type === "partner") { copy.colour = KIND_COLOURS[copy.kind] || KIND_COLOURS.other; }
    return { group: group, data: copy };
  }

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (cls) { node.className = cls; }
    return node;
  }

  function describe(data) {
    var box = document.getElementById("network-selection");
    box.replaceChildren();
    var title = data.type === "alliance" ? "Alliance: " + (data.label || data.key) : data.label;
    box.appendChild(text("h2", title));
    var facts = [data.type];
    if (data.kind) { facts.push(data.kind); }
    if (data.level) { facts.push(data.level); }
    if (data.status) { facts.push(data.status); }
    if (data.start_year) { facts.push("since " + data.start_year + (data.end_year ? ", until " + data.end_year : "")); }
    box.appendChild(text("p", facts.join(" · "), "muted"));
    if (data.url) {
      var link = text("a", "Open its page →");
      link.href = data.url;
      box.appendChild(link);
    }
  }

  function summarise(counts) {
    document.getElementById("network-counts").textContent =
      counts.school + " schools · " + counts.partner + " partners · " +
      counts.municipality + " municipalities · " + counts.alliance + " alliances";
  }

  function focus(cy, target) {
    cy.elements().removeClass("faded");
    if (target === cy) { return; }
    var near = target.isNode() ? target.closedNeighborhood() : target.connectedNodes().union(target);
    cy.elements().not(near).addClass("faded");
  }

  // A hovered node shows its label, and its name is the graph's tooltip (title).
  function hover(container, node, on) {
    node.toggleClass("hover", on);
    if (on) { container.title = node.data("label") || ""; } else { container.removeAttribute("title"); }
  }

  function draw(container, data) {
    var elements = data.nodes.map(function (n) { return element(n, "nodes"); })
      .concat(data.edges.map(function (e) { return element(e, "edges"); }));
    if (window.imantNetwork) { window.imantNetwork.destroy(); }
    var cy = window.cytoscape({
      container: container, elements: elements, style: STYLE,
      layout: { name: "cose", animate: false, nodeRepulsion: function () { return 9000; },
                idealEdgeLength: function () { return 60; },
                padding: 20, randomize: true },
      minZoom: 0.2, maxZoom: 4, wheelSensitivity: 0.3
    });
    cy.on("mouseover", "node", function (event) { hover(container, event.target, true); });
    cy.on("mouseout", "node", function (event) { hover(container, event.target, false); });
    cy.on("tap", function (event) {
      focus(cy, event.target);
      if (event.target !== cy) { describe(event.target.data()); }
    });
    window.imantNetwork = cy;
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.ready = "true";
    summarise(data.counts);
  }

  function load(container, source) {
    container.dataset.ready = "false";
    fetch(source, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) { draw(container, data); })
      .catch(function (error) {
        document.getElementById("network-counts").textContent =
          "The network could not be loaded (" + error.message + ").";
      });
  }

  function start() {
    var container = document.getElementById("network-graph");
    if (!container || !window.cytoscape) { return; }
    load(container, container.dataset.source);
    var filters = document.getElementById("network-filters");
    filters.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams();
      new FormData(filters).forEach(function (value, name) { if (value) { query.set(name, value); } });
      var suffix = query.toString() ? "?" + query.toString() : "";
      window.history.replaceState(null, "", window.location.pathname + suffix);
      load(container, container.dataset.base + suffix);
    });
    filters.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { filters.requestSubmit(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
