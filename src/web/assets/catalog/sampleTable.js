import { h, note } from "./dom.js";

function cell(value) {
  if (value === null || value === undefined) return h("td", { class: "null" }, "null");
  if (typeof value === "object") return h("td", { class: "json" }, JSON.stringify(value));
  return h("td", { class: typeof value === "number" ? "num" : null }, String(value));
}

/**
 * Governed sample rows (a JSON array of row objects), with the columns in the product's field
 * order; columns masked for the caller are marked in the header.
 */
export function sampleTable(product) {
  const rows = Array.isArray(product.sample) ? product.sample.filter((r) => r && typeof r === "object") : [];
  if (!rows.length) return note("No rows you can see.");
  const present = new Set(rows.flatMap((row) => Object.keys(row)));
  const declared = product.fields.map((f) => f.name).filter((name) => present.has(name));
  const columns = [...declared, ...[...present].filter((name) => !declared.includes(name))];
  const masked = new Set(product.fields.filter((f) => f.masked).map((f) => f.name));
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "table table-compact", id: "sample-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          columns.map((name) =>
            h("th", { scope: "col", class: masked.has(name) ? "is-masked" : null, title: masked.has(name) ? "Masked for you" : null }, name, masked.has(name) ? " ●" : null),
          ),
        ),
      ),
      h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((name) => cell(row[name]))))),
    ),
  );
}
