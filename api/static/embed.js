// Draws one relationship view of the ofsted-kg graph with Cytoscape.js.
//
// The server puts the view's Cytoscape elements in the page (#kg-view-data), so the
// first picture needs no request. Clicking a node fetches that node's neighbourhood as
// JSON and adds what is new; hovering shows the quote a node or relationship was read
// from and its document. window.ofstedKg exposes the instance for scripts and tests.
(function () {
  "use strict";

  // One colour and one shape per label, so the picture still reads without colour.
  const LOOK = {
    Council: { colour: "#1d70b8", shape: "round-rectangle" },
    Inspection: { colour: "#d4351c", shape: "diamond" },
    Recommendation: { colour: "#f47738", shape: "triangle" },
    Finding: { colour: "#912b88", shape: "round-triangle" },
    ActionPlan: { colour: "#00703c", shape: "rectangle" },
    Action: { colour: "#85994b", shape: "ellipse" },
    Board: { colour: "#003078", shape: "hexagon" },
    Person: { colour: "#5694ca", shape: "ellipse" },
    Officer: { colour: "#5694ca", shape: "ellipse" },
    Councillor: { colour: "#28a197", shape: "ellipse" },
    Theme: { colour: "#ffdd00", shape: "star" },
    Meeting: { colour: "#6f777b", shape: "round-pentagon" },
  };
  const FALLBACK = { colour: "#6f777b", shape: "ellipse" };

  // Rings of a recurrence cluster, from the centre out: what recurs, the texts, the inspections, the councils.
  const RING = { Theme: 4, Recommendation: 3, Finding: 3, Inspection: 2, Council: 1 };

  const root = document.getElementById("kg-embed");
  const container = document.getElementById("kg-graph");
  const tooltip = document.getElementById("kg-tooltip");
  const statusLine = document.getElementById("kg-status");
  const list = document.getElementById("kg-list");
  const view = JSON.parse(document.getElementById("kg-view-data").textContent);
  const state = { ready: false, cy: null, expanded: [], busy: false, error: null, expand: expand };
  window.ofstedKg = state;

  setUpCopyButton();

  if (typeof window.cytoscape !== "function") {
    // The renderer comes from npm; the server says so in the page too, this covers a file gone missing.
    const notice = document.getElementById("kg-renderer-missing");
    if (notice) {
      notice.hidden = false;
    }
    container.classList.add("graph-missing");
    container.textContent = "The graph cannot be drawn: the renderer is not installed. Run `npm ci` in the project folder.";
    state.error = "renderer missing";
    return;
  }

  const cy = window.cytoscape({
    container: container,
    elements: { nodes: view.nodes, edges: view.edges },
    style: styles(),
    layout: layoutFor(view.meta.kind, true),
    minZoom: 0.2,
    maxZoom: 3,
  });
  state.cy = cy;
  drawLegend();
  cy.nodes().forEach(function (node) {
    if (node.data("focus") && view.meta.kind === "neighbourhood") {
      // The entity the view is about already shows its neighbourhood.
      markExpanded(node);
    }
  });

  cy.on("tap", "node", function (event) {
    expand(event.target.id());
  });
  cy.on("mouseover", "node, edge", function (event) {
    showTooltip(event.target, event.renderedPosition);
  });
  cy.on("mouseout", "node, edge", hideTooltip);
  cy.on("tap", "edge", function (event) {
    // On a touch screen there is no hover: a tap on a relationship shows its quote.
    showTooltip(event.target, event.renderedPosition);
  });
  cy.on("pan zoom", hideTooltip);

  for (const button of document.querySelectorAll("button[data-expand]")) {
    bindExpandButton(button);
  }
  state.ready = true;
  root.setAttribute("data-ready", "true");

  // ------------------------------------------------------------------ expanding

  function expand(id) {
    const node = cy.getElementById(id);
    if (node.empty() || state.busy || state.expanded.indexOf(id) >= 0) {
      return Promise.resolve(0);
    }
    state.busy = true;
    say("Fetching what is linked to " + node.data("caption") + "…");
    const base = root.getAttribute("data-expand-url");
    const limit = root.getAttribute("data-expand-limit");
    const url = base + encodeId(id) + "/json?depth=1&limit=" + encodeURIComponent(limit);
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.error ? body.error.message : "the server answered " + response.status);
          }
          return body;
        });
      })
      .then(function (elements) {
        const added = addElements(elements, node.position());
        markExpanded(node);
        if (added.nodes > 0) {
          // after the first picture, a force layout from where things are keeps the reader's bearings
          cy.layout(layoutFor("neighbourhood", false)).run();
        }
        say(
          added.nodes === 0
            ? node.data("caption") + " has nothing more to show."
            : "Added " + added.nodes + " linked " + (added.nodes === 1 ? "entity" : "entities") + " to " + node.data("caption") + "."
        );
        return added.nodes;
      })
      .catch(function (error) {
        state.error = String(error.message || error);
        say("Could not expand " + node.data("caption") + ": " + state.error);
        return 0;
      })
      .finally(function () {
        state.busy = false;
      });
  }

  function addElements(elements, around) {
    let nodes = 0;
    elements.nodes.forEach(function (item, index) {
      if (!cy.getElementById(item.data.id).empty()) {
        return;
      }
      // New nodes start in a ring around the node they came from; the layout then spreads them.
      const angle = (2 * Math.PI * index) / Math.max(elements.nodes.length, 1);
      cy.add({
        group: "nodes",
        data: Object.assign({}, item.data, { focus: false }),
        position: { x: around.x + 60 * Math.cos(angle), y: around.y + 60 * Math.sin(angle) },
      });
      addToList(item.data);
      nodes += 1;
    });
    elements.edges.forEach(function (item) {
      const d = item.data;
      if (cy.getElementById(d.id).empty() && !cy.getElementById(d.source).empty() && !cy.getElementById(d.target).empty()) {
        cy.add({ group: "edges", data: d });
      }
    });
    drawLegend();
    return { nodes: nodes };
  }

  function markExpanded(node) {
    node.addClass("expanded");
    if (state.expanded.indexOf(node.id()) < 0) {
      state.expanded.push(node.id());
    }
    const button = list.querySelector('button[data-expand="' + cssEscape(node.id()) + '"]');
    if (button) {
      button.disabled = true;
      button.textContent = "Shown";
    }
  }

  // Ids hold ':' and '/': each path segment is encoded, the slashes kept.
  function encodeId(id) {
    return id.split("/").map(encodeURIComponent).join("/");
  }

  function cssEscape(text) {
    return window.CSS && CSS.escape ? CSS.escape(text) : text.replace(/["\\]/g, "\\$&");
  }

  // ------------------------------------------------------------------ the list beside the picture

  function bindExpandButton(button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      expand(button.getAttribute("data-expand"));
    });
  }

  function addToList(data) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = root.getAttribute("data-expand-url") + encodeId(data.id);
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = data.title;
    item.appendChild(link);
    item.appendChild(document.createTextNode(" (" + data.label + ") "));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "expand";
    button.setAttribute("data-expand", data.id);
    button.textContent = "Expand";
    item.appendChild(button);
    bindExpandButton(button);
    if (data.quote) {
      const quote = document.createElement("blockquote");
      quote.textContent = data.quote;
      item.appendChild(quote);
      item.appendChild(citation(data));
    }
    list.appendChild(item);
  }

  function citation(data) {
    const cite = document.createElement("p");
    cite.className = "source";
    const title = data.documentTitle || data.documentSource || data.document;
    const when = data.documentDate ? " (" + data.documentDate + ")" : "";
    if (data.documentUrl) {
      cite.appendChild(document.createTextNode("From "));
      const link = document.createElement("a");
      link.href = data.documentUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = title;
      cite.appendChild(link);
      cite.appendChild(document.createTextNode(when));
    } else {
      cite.textContent = "From " + title + when;
    }
    return cite;
  }

  // ------------------------------------------------------------------ hover

  function showTooltip(element, at) {
    const data = element.data();
    tooltip.replaceChildren();
    const heading = document.createElement("p");
    heading.className = "tooltip-title";
    heading.textContent = element.isNode() ? data.title : relationshipText(element);
    tooltip.appendChild(heading);
    const kind = document.createElement("p");
    kind.className = "tooltip-kind";
    kind.textContent = element.isNode() ? data.label : data.type;
    tooltip.appendChild(kind);
    if (data.quote) {
      const quote = document.createElement("blockquote");
      quote.textContent = data.quote;
      tooltip.appendChild(quote);
      tooltip.appendChild(citation(data));
    } else {
      const none = document.createElement("p");
      none.className = "source";
      none.textContent = element.isNode() && data.label === "Theme" ? "A theme of the project's taxonomy." : "No quote recorded.";
      tooltip.appendChild(none);
    }
    tooltip.hidden = false;
    // Keep the box inside the picture, beside the pointer.
    const width = container.clientWidth;
    const height = container.clientHeight;
    const box = tooltip.getBoundingClientRect();
    const x = Math.min(Math.max(at.x + 14, 4), Math.max(width - box.width - 4, 4));
    const y = at.y + 14 + box.height > height ? Math.max(at.y - box.height - 14, 4) : at.y + 14;
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function relationshipText(edge) {
    return edge.source().data("caption") + " " + edge.data("type") + " " + edge.target().data("caption");
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  // ------------------------------------------------------------------ looks

  function styles() {
    const sheet = [
      {
        selector: "node",
        style: {
          "background-color": FALLBACK.colour,
          shape: FALLBACK.shape,
          width: 24,
          height: 24,
          label: "data(caption)",
          "font-size": 10,
          "font-family": "system-ui, sans-serif",
          color: "#0b0c0c",
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "wrap",
          "text-max-width": 130,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
          // captions too small to read are left out until the reader zooms in
          "min-zoomed-font-size": 6,
          "border-width": 1,
          "border-color": "#ffffff",
        },
      },
    ];
    Object.keys(LOOK).forEach(function (label) {
      sheet.push({
        selector: 'node[label = "' + label + '"]',
        style: { "background-color": LOOK[label].colour, shape: LOOK[label].shape },
      });
    });
    sheet.push(
      { selector: "node.focus", style: { width: 36, height: 36, "border-width": 4, "border-color": "#0b0c0c", "font-weight": "bold" } },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#0b0c0c" } },
      { selector: "node:selected", style: { "overlay-color": "#ffdd00", "overlay-opacity": 0.3 } },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "line-color": "#b1b4b6",
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "target-arrow-color": "#b1b4b6",
          label: "data(label)",
          "font-size": 8,
          color: "#505a5f",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "min-zoomed-font-size": 7,
        },
      },
      { selector: 'edge[type = "SIMILAR_TO"]', style: { "line-style": "dashed", "line-color": "#912b88", "target-arrow-shape": "none" } }
    );
    return sheet;
  }

  function layoutFor(kind, first) {
    if (kind === "cluster" && first) {
      return {
        name: "concentric",
        concentric: function (node) {
          return node.data("focus") ? 5 : RING[node.data("label")] || 0;
        },
        levelWidth: function () {
          return 1;
        },
        minNodeSpacing: 28,
        padding: 20,
        animate: false,
      };
    }
    if (kind === "path") {
      // A chain reads best as a line from one end to the other.
      return { name: "breadthfirst", roots: "#" + cssEscape(view.meta.focus[0]), directed: false, spacingFactor: 1.1, padding: 20, animate: false };
    }
    return {
      name: "cose",
      animate: false,
      randomize: first,
      fit: true,
      padding: 24,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: function () {
        return 90;
      },
      nodeRepulsion: function () {
        return 9000;
      },
    };
  }

  function drawLegend() {
    const legend = document.getElementById("kg-legend");
    const present = [];
    cy.nodes().forEach(function (node) {
      const label = node.data("label");
      if (present.indexOf(label) < 0) {
        present.push(label);
      }
    });
    legend.replaceChildren();
    present.sort().forEach(function (label) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = (LOOK[label] || FALLBACK).colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(label));
      legend.appendChild(item);
    });
  }

  function say(text) {
    statusLine.textContent = text;
  }

  // ------------------------------------------------------------------ sharing

  function setUpCopyButton() {
    const button = document.getElementById("kg-copy");
    const snippet = document.getElementById("kg-snippet");
    if (!button || !snippet) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      snippet.select();
      const done = function () {
        button.textContent = "Copied";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(snippet.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  }
})();
