// The graph view of the explorer's pages: draws a node's neighbourhood with cytoscape.js, from the public
// REST API (GET /api/neighbourhood/{id}); a click expands a node's neighbours, a double-click opens its page.
(function () {
  "use strict";
  const box = document.getElementById("graph");
  if (!box || typeof window.cytoscape !== "function") {
    return;
  }
  const start = box.dataset.node;
  const limit = box.dataset.limit || "30";
  const count = document.getElementById("graph-count");
  const selected = document.getElementById("graph-selected");

  function pageOf(id, label) {
    // as the server writes them (api/explorer.py node_href): the id's colon stays readable
    return (label === "Paper" ? "/paper/" : "/entity/") + encodeURIComponent(id).replace(/%3A/g, ":");
  }

  async function neighbourhood(id) {
    const url = "/api/neighbourhood/" + encodeURIComponent(id) + "?limit=" + encodeURIComponent(limit);
    const answer = await fetch(url, { headers: { Accept: "application/json" } });
    if (!answer.ok) {
      throw new Error("the neighbourhood of " + id + " could not be loaded (HTTP " + answer.status + ")");
    }
    return answer.json();
  }

  function elements(graph) {
    const nodes = graph.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.label, caption: n.caption }, classes: n.label };
    });
    const edges = graph.relationships.map(function (r) {
      return { group: "edges", data: { id: r.type + " " + r.start + " " + r.end, source: r.start, target: r.end,
                                       type: r.type }, classes: r.type };
    });
    return nodes.concat(edges);
  }

  function show(cy) {
    count.textContent = cy.nodes().length + " nodes, " + cy.edges().length + " relationships";
    box.dataset.nodes = String(cy.nodes().length);
  }

  function select(node) {
    selected.textContent = "";
    const link = document.createElement("a");
    link.href = pageOf(node.id(), node.data("label"));
    link.textContent = node.data("label") + ": " + node.data("caption");
    selected.append("· selected ", link);
  }

  function failed(error) {
    count.textContent = error.message;
    count.classList.add("error-message");
  }

  Promise.all([fetch("/static/graph-style.json").then(function (r) { return r.json(); }), neighbourhood(start)])
    .then(function (loaded) {
      const cy = window.cytoscape({
        container: box, style: loaded[0], elements: elements(loaded[1]),
        layout: { name: "cose", animate: false, padding: 20 }, minZoom: 0.2, maxZoom: 3,
      });
      window.papergraphGraph = cy;  // for the browser tests, and for anyone at the console
      cy.getElementById(start).addClass("start").data("expanded", true);
      show(cy);
      cy.on("tap", "node", function (event) {
        const node = event.target;
        select(node);
        if (node.data("expanded")) {
          return;
        }
        node.data("expanded", true);
        neighbourhood(node.id()).then(function (graph) {
          const fresh = elements(graph).filter(function (e) { return cy.getElementById(e.data.id).empty(); });
          if (!fresh.length) {
            return;
          }
          const where = node.position();
          cy.add(fresh).nodes().positions(function () {
            return { x: where.x + Math.random() * 40 - 20, y: where.y + Math.random() * 40 - 20 };
          });
          cy.layout({ name: "cose", animate: false, randomize: false, padding: 20 }).run();
          show(cy);
        }).catch(failed);
      });
      cy.on("dbltap", "node", function (event) {
        window.location.href = pageOf(event.target.id(), event.target.data("label"));
      });
    })
    .catch(failed);
}());
