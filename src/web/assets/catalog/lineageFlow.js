import { h } from "./dom.js";

const arrow = () => h("span", { class: "flow-arrow", "aria-hidden": "true" }, "→");

/** Where the product's rows come from: declared upstream sources, the store and table, the product. */
export function lineageFlow(product) {
  const { upstream, store, table } = product.lineage;
  return h(
    "div",
    { class: "flow", id: "lineage-flow" },
    h(
      "div",
      { class: "flow-step" },
      h("div", { class: "flow-caption" }, "Upstream"),
      upstream.length ? upstream.map((source) => h("div", { class: "flow-box" }, source)) : h("div", { class: "flow-box flow-box-empty" }, "none declared"),
    ),
    arrow(),
    h("div", { class: "flow-step" }, h("div", { class: "flow-caption" }, `Store (${store})`), h("div", { class: "flow-box" }, h("code", {}, table))),
    arrow(),
    h("div", { class: "flow-step" }, h("div", { class: "flow-caption" }, "Product"), h("div", { class: "flow-box flow-box-self" }, product.address)),
  );
}
