/*
 * Accord analytics: draws the charts and the network graph of a page from the
 * JSON that the server put in <script type="application/json"> elements
 * (Django's json_script). The tables are already on the page; this is only
 * the picture on top of them, so every failure here leaves the page usable.
 */
(function () {
  "use strict";

  var PALETTE = [
    "#0b5ed7", "#146c43", "#b02a37", "#6f42c1", "#fd7e14",
    "#0aa2c0", "#d63384", "#6c757d", "#997404", "#20c997", "#495057"
  ];
  var EDGE_COLOURS = { agreement: "#0b5ed7", visit: "#146c43", request: "#b02a37", review: "#6f42c1" };

  function readData(id) {
    var element = id && document.getElementById(id);
    if (!element) { return null; }
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }

  function colour(index) { return PALETTE[index % PALETTE.length]; }

  function axisTitle(text) { return text ? { display: true, text: text } : { display: false }; }

  function barOrLine(canvas, data) {
    var horizontal = Boolean(data.horizontal);
    var datasets = data.datasets.map(function (set, index) {
      return {
        label: set.label,
        data: set.data,
        backgroundColor: colour(index),
        borderColor: colour(index),
        borderWidth: data.type === "line" ? 2 : 0,
        tension: 0,
        fill: false
      };
    });
    var valueAxis = { beginAtZero: true, stacked: Boolean(data.stacked), ticks: { precision: 0 } };
    var labelAxis = { stacked: Boolean(data.stacked) };
    var x = horizontal ? valueAxis : labelAxis;
    var y = horizontal ? labelAxis : valueAxis;
    x.title = axisTitle(data.x_title);
    y.title = axisTitle(data.y_title);
    if (horizontal) {
      canvas.parentElement.style.height = Math.max(12, 2 + data.labels.length * 1.4) + "rem";
    }
    return new window.Chart(canvas, {
      type: data.type === "line" ? "line" : "bar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: x, y: y },
        plugins: { legend: { display: datasets.length > 1 } }
      }
    });
  }

  function timeline(canvas, data) {
    var datasets = data.datasets.map(function (set, index) {
      return {
        label: set.label,
        data: set.data,
        backgroundColor: colour(index),
        borderColor: colour(index),
        pointRadius: 5,
        pointHoverRadius: 7
      };
    });
    canvas.parentElement.style.height = Math.max(12, 5 + data.lanes.length * 2.5) + "rem";
    return new window.Chart(canvas, {
      type: "scatter",
      data: { datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            type: "linear",
            title: axisTitle(data.x_title),
            ticks: { precision: 0, callback: function (value) { return Number.isInteger(value) ? String(value) : ""; } }
          },
          y: { type: "category", labels: data.lanes, offset: true }
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (context) { return context.raw.date + " " + context.raw.text; }
            }
          }
        }
      }
    });
  }

  function drawChart(canvas) {
    if (typeof window.Chart === "undefined") { return; }
    var data = readData(canvas.dataset.chart);
    if (!data || !data.type) { return; }
    if (data.type === "timeline") { timeline(canvas, data); } else { barOrLine(canvas, data); }
  }

  function edgeWidth(weight) {
    return weight ? 1 + Math.min(8, Math.log2(1 + weight) * 1.5) : 1;
  }

  function showDetails(panel, cy, nodeId) {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var node = cy.getElementById(nodeId);
    if (!node || node.empty()) { return; }
    var heading = document.createElement("h3");
    heading.className = "h6";
    var link = document.createElement("a");
    link.href = node.data("url");
    link.textContent = node.data("label");
    heading.appendChild(link);
    panel.appendChild(heading);
    var list = document.createElement("ul");
    list.className = "list-unstyled mb-0";
    node.connectedEdges().filter(function (edge) { return edge.style("display") !== "none"; })
      .sort(function (a, b) { return (b.data("weight") || 0) - (a.data("weight") || 0); })
      .forEach(function (edge) {
        var other = edge.source().id() === nodeId ? edge.target() : edge.source();
        var item = document.createElement("li");
        var mark = document.createElement("span");
        mark.className = "edge-" + edge.data("type");
        mark.textContent = "● ";
        mark.setAttribute("aria-hidden", "true");
        item.appendChild(mark);
        item.appendChild(document.createTextNode(
          other.data("label") + " — " + edge.data("type_label") + ": " + edge.data("display")
        ));
        list.appendChild(item);
      });
    panel.appendChild(list);
    cy.elements().removeClass("faded");
    cy.elements().not(node.closedNeighborhood()).addClass("faded");
  }

  function drawNetwork(container) {
    if (typeof window.cytoscape === "undefined") { return; }
    var data = readData(container.dataset.network);
    if (!data || !data.nodes) { return; }
    var maxDegree = data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 1);
    var typeLabels = {};
    (data.types || []).forEach(function (t) { typeLabels[t.key] = t.label; });
    var elements = data.nodes.map(function (node) {
      return { data: { id: node.id, label: node.label, url: node.url, size: 16 + 24 * node.degree / maxDegree } };
    }).concat(data.edges.map(function (edge) {
      return {
        data: {
          source: edge.source, target: edge.target, type: edge.type,
          type_label: typeLabels[edge.type] || edge.type, weight: edge.weight, display: edge.display,
          width: edgeWidth(edge.weight), colour: EDGE_COLOURS[edge.type] || "#6c757d"
        },
        classes: edge.weight === null ? "suppressed" : ""
      };
    }));
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      style: [
        { selector: "node", style: {
          label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 10,
          "background-color": "#495057", color: "#212529", "text-valign": "bottom", "text-margin-y": 2
        } },
        { selector: "edge", style: {
          width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier", opacity: 0.7
        } },
        { selector: "edge.suppressed", style: { "line-style": "dashed" } },
        { selector: ".faded", style: { opacity: 0.12 } },
        { selector: "node:selected", style: { "background-color": "#0b5ed7" } }
      ],
      layout: { name: data.nodes.length > 300 || data.edges.length > 4000 ? "circle" : "cose", animate: false, randomize: false }
    });
    var controls = document.querySelector("[data-network-controls]");
    var panel = document.querySelector("[data-network-details]");
    var hint = document.querySelector("[data-network-hint]");
    var picker = document.querySelector("[data-network-node]");
    if (controls) { controls.hidden = false; }
    if (hint) { hint.hidden = false; }
    var current = null;
    function select(nodeId) {
      current = nodeId || null;
      if (!panel) { return; }
      if (!current) {
        cy.elements().removeClass("faded");
        while (panel.firstChild) { panel.removeChild(panel.firstChild); }
        if (hint) { panel.appendChild(hint); }
        return;
      }
      showDetails(panel, cy, current);
      if (picker) { picker.value = current; }
    }
    cy.on("tap", "node", function (event) { select(event.target.id()); });
    cy.on("tap", function (event) { if (event.target === cy) { select(null); } });
    if (picker) { picker.addEventListener("change", function () { select(picker.value); }); }
    document.querySelectorAll("[data-edge-type]").forEach(function (box) {
      box.addEventListener("change", function () {
        cy.edges('[type = "' + box.dataset.edgeType + '"]').style("display", box.checked ? "element" : "none");
        if (current) { showDetails(panel, cy, current); }
      });
    });
  }

  function start() {
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      try { drawChart(canvas); } catch (error) { /* the table stays */ }
    });
    document.querySelectorAll("[data-network]").forEach(function (container) {
      try { drawNetwork(container); } catch (error) { /* the table stays */ }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
