import { chip, h, note } from "./dom.js";

const KIND_TITLES = {
  column: "A column of the product's table",
  relation: "A relation to a product of the same domain",
  reference: "Another domain's entity",
};

/** The product's fields: name, type, kind, tags and description; the ones masked for the caller are marked, deprecated ones with their reason. */
export function fieldsTable(product) {
  if (!product.fields.length) return note("No fields.");
  const keys = new Set(product.keys.flatMap((k) => k.split(/\s+/)));
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "table", id: "fields-table" },
      h("thead", {}, h("tr", {}, ["Field", "Type", "Kind", "Tags", "Description"].map((title) => h("th", { scope: "col" }, title)))),
      h(
        "tbody",
        {},
        product.fields.map((field) =>
          h(
            "tr",
            { "data-field": field.name, class: [field.masked ? "is-masked" : "", field.deprecated ? "is-deprecated" : ""].join(" ").trim() || null },
            h(
              "td",
              {},
              h("code", { class: "field-name" }, field.name),
              keys.has(field.name) ? chip("key", "key") : null,
              field.masked ? h("span", { class: "chip chip-masked", title: "A policy masks this field for you" }, "masked") : null,
              field.deprecated ? h("span", { class: "chip chip-deprecated", title: "Deprecated: clients should stop using it" }, "deprecated") : null,
            ),
            h("td", {}, h("code", { class: "field-type" }, field.type)),
            h("td", { title: KIND_TITLES[field.kind] ?? "" }, field.kind),
            h("td", {}, field.tags.length ? h("div", { class: "chips" }, field.tags.map((t) => chip(t))) : null),
            h(
              "td",
              { class: "field-desc" },
              field.description ?? "",
              field.deprecated ? h("p", { class: "deprecation" }, h("strong", {}, "Deprecated: "), field.deprecationReason ?? "") : null,
            ),
          ),
        ),
      ),
    ),
  );
}
