import { h, note, productHref, svg } from "./dom.js";

const ROW = 46;
const NODE_W = 190;
const NODE_H = 34;
const WIDTH = 660;
const TARGET_X = WIDTH - NODE_W - 10;

const truncate = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The address of the product an edge leads to (`target` is one, e.g. crm.Customer). */
const addressOf = (edge) => (edge.target.includes(".") ? edge.target : `${edge.targetDomain}.${edge.target}`);
const typeOf = (address) => address.slice(address.lastIndexOf(".") + 1);

function node(x, y, title, subtitle, kind, href) {
  const box = [
    svg("rect", { x, y, width: NODE_W, height: NODE_H, rx: 7, class: `graph-node graph-node-${kind}` }),
    svg("text", { x: x + 12, y: y + 15, class: "graph-node-title" }, truncate(title, 24)),
    svg("text", { x: x + 12, y: y + 28, class: "graph-node-sub" }, truncate(subtitle, 30)),
  ];
  return href ? svg("a", { href, class: "graph-link" }, svg("title", {}, `Open ${subtitle}.${title}`), box) : svg("g", {}, box);
}

/**
 * The product and the products its fields lead to, as a small SVG graph: relations solid,
 * references to another domain dashed, fields other domains add to this product dotted.
 */
export function relationshipGraph(product) {
  const edges = product.relationships;
  if (!edges.length) return note("No relationships.");
  const height = Math.max(edges.length * ROW, NODE_H + 20) + 10;
  const center = height / 2 - NODE_H / 2;
  const graph = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${height}`, class: "graph", id: "relationship-graph", role: "img", "aria-label": `Relationships of ${product.address}` },
    edges.map((edge, i) => {
      const y = i * ROW + (ROW - NODE_H) / 2 + 5;
      const fromX = 10 + NODE_W;
      const fromY = center + NODE_H / 2;
      const toY = y + NODE_H / 2;
      const mid = (fromX + TARGET_X) / 2;
      return svg(
        "g",
        { class: `graph-edge graph-edge-${edge.kind}`, "data-field": edge.field },
        svg("path", { d: `M ${fromX} ${fromY} C ${mid} ${fromY}, ${mid} ${toY}, ${TARGET_X} ${toY}` }),
        svg("text", { x: TARGET_X - 8, y: toY - 5, "text-anchor": "end", class: "graph-label" }, truncate(edge.list ? `${edge.field} [ ]` : edge.field, 28)),
        node(TARGET_X, y, typeOf(addressOf(edge)), edge.targetDomain, edge.targetDomain === product.domain ? "same" : "other", productHref(addressOf(edge))),
      );
    }),
    node(10, center, product.name, product.domain, "self"),
  );
  return h(
    "div",
    { class: "graph-wrap" },
    graph,
    h(
      "ul",
      { class: "legend" },
      h("li", { class: "legend-relation" }, "relation in the domain"),
      h("li", { class: "legend-reference" }, "reference to another domain's entity"),
      h("li", { class: "legend-extension" }, "added to this product by another domain"),
    ),
    h(
      "ul",
      { class: "relationship-list" },
      edges.map((edge) =>
        h(
          "li",
          {},
          h("code", {}, edge.field),
          " → ",
          h("a", { href: productHref(addressOf(edge)) }, addressOf(edge)),
          h("span", { class: "muted" }, ` · ${edge.kind}${edge.list ? ", list" : ""}${edge.declaredBy !== product.domain ? `, declared by ${edge.declaredBy}` : ""}`),
        ),
      ),
    ),
  );
}
