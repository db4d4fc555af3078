import { chip, dateTime, h, note, section } from "./dom.js";
import { fieldsTable } from "./fieldsTable.js";
import { request } from "./graphql.js";
import { lineageFlow } from "./lineageFlow.js";
import { policiesList } from "./policiesList.js";
import { PRODUCT } from "./queries.js";
import { relationshipGraph } from "./relationshipGraph.js";
import { sampleTable } from "./sampleTable.js";
import { usageChart } from "./usageChart.js";

/** The message of the first error under meshqlDataProduct.<field>, for the section that shows that field. */
function errorFor(errors, field) {
  return errors.find((e) => Array.isArray(e.path) && e.path[0] === "meshqlDataProduct" && e.path[1] === field)?.message;
}

/** A section's body, or why the gateway could not give it. */
const orError = (errors, field, render) => {
  const message = errorFor(errors, field);
  return message ? note(`Not available to you: ${message}`, "error") : render();
};

function fact(term, ...value) {
  return h("div", { class: "fact" }, h("dt", {}, term), h("dd", {}, ...value));
}

/** Whether the product kept its freshness promise, as a chip beside it. */
function staleness(stale) {
  if (stale === null) return null;
  return stale
    ? h("span", { class: "chip chip-stale", id: "stale", title: "The newest value is older than the product promises" }, "stale")
    : h("span", { class: "chip chip-fresh", id: "fresh" }, "fresh");
}

/** The product's snapshots: how far back asOf reaches, and the fields that read the past. */
function historyCard(history, list) {
  return h(
    "div",
    { class: "card side-card", id: "history" },
    h("h3", {}, "History"),
    h(
      "dl",
      { class: "facts" },
      fact("Snapshots", `every ${history.every}`, h("div", { class: "muted small" }, `${history.snapshots.toLocaleString()} taken`)),
      fact("First", history.first ? dateTime(history.first) : h("span", { class: "muted" }, "none yet")),
      fact("Latest", history.last ? dateTime(history.last) : h("span", { class: "muted" }, "none yet")),
      fact("Read the past", h("div", {}, h("code", {}, `${list}(asOf: …)`)), h("div", {}, h("code", {}, `${list}Changes(since: …)`))),
    ),
  );
}

function sidebar(product, errors) {
  const explorer = document.body.dataset.explorer;
  const quality = product.quality;
  return h(
    "aside",
    { class: "sidebar" },
    explorer && explorer !== "off"
      ? h(
          "a",
          { class: "button button-primary button-block", id: "try-it", href: `graphql?query=${encodeURIComponent(product.graphql)}` },
          "Try it in the explorer",
        )
      : null,
    h(
      "div",
      { class: "card side-card" },
      h("h3", {}, "About"),
      h(
        "dl",
        { class: "facts" },
        fact("Owner", product.owner ? h("a", { href: `#/?owner=${encodeURIComponent(product.owner)}` }, product.owner) : "none declared"),
        fact("Domain", h("a", { href: `#/?domain=${encodeURIComponent(product.domain)}` }, product.domain), product.domainDescription ? h("div", { class: "muted small" }, product.domainDescription) : null),
        fact("Key", product.keys.length ? product.keys.map((k) => h("code", {}, k)) : "none"),
        fact("Tags", product.tags.length ? h("div", { class: "chips" }, product.tags.map((t) => h("a", { href: `#/?tag=${encodeURIComponent(t)}`, class: "chip chip-tag" }, t))) : "none"),
      ),
    ),
    h(
      "div",
      { class: "card side-card", id: "quality" },
      h("h3", {}, "Quality"),
      orError(errors, "quality", () =>
        h(
          "dl",
          { class: "facts" },
          fact("Rows you can see", quality.rowCount === null ? h("span", { class: "muted" }, "withheld (too few rows to show)") : quality.rowCount.toLocaleString()),
          fact("Last updated", quality.freshnessField ? dateTime(quality.lastUpdated) : h("span", { class: "muted" }, "no freshness field declared")),
          quality.freshnessField ? fact("Freshness field", h("code", {}, quality.freshnessField)) : null,
          quality.expectEvery ? fact("Promised", `a change every ${quality.expectEvery}`, staleness(quality.stale)) : null,
        ),
      ),
    ),
    product.history ? historyCard(product.history, product.queries.list) : null,
    h(
      "div",
      { class: "card side-card" },
      h("h3", {}, "Root fields"),
      h(
        "dl",
        { class: "facts" },
        Object.entries(product.queries)
          .filter(([, field]) => field)
          .map(([kind, field]) => fact(kind, h("code", {}, field))),
      ),
    ),
    h(
      "div",
      { class: "card side-card", id: "sql" },
      h("h3", {}, "SQL"),
      h("dl", { class: "facts" }, fact("View", h("code", {}, product.sqlName))),
      h("pre", { class: "sql-example" }, h("code", {}, product.sql)),
    ),
  );
}

function header(product) {
  return h(
    "header",
    { class: "product-header" },
    h("nav", { class: "breadcrumb", "aria-label": "breadcrumb" }, h("a", { href: "#/" }, "Products"), " / ", h("a", { href: `#/?domain=${encodeURIComponent(product.domain)}` }, product.domain), " / ", product.name),
    h("div", { class: "title-row" }, h("h1", { id: "product-title" }, product.name), chip(product.domain, "domain"), h("code", { class: "address" }, product.address)),
    h("p", { class: "lead" }, product.description || "No description."),
  );
}

/** A product's page: header, sections in the main column, facts in the sidebar. */
export async function renderProduct(view, address) {
  view.replaceChildren(h("p", { class: "loading" }, `Loading ${address}…`));
  const { data, errors } = await request(PRODUCT, { address });
  const product = data.meshqlDataProduct;
  if (!product) {
    view.replaceChildren(
      h("section", { class: "card empty" }, h("h1", {}, "No such product"), h("p", {}, `The catalog has no product ${address} you can see.`), h("a", { href: "#/", class: "button" }, "All products")),
    );
    return;
  }
  document.title = `${product.address} · Data catalog · meshql`;
  const masked = product.fields.filter((f) => f.masked).length;
  view.replaceChildren(
    header(product),
    h(
      "div",
      { class: "product-layout" },
      h(
        "div",
        { class: "main-column" },
        section("fields", `Fields (${product.fields.length})`, masked ? note(`${masked} field${masked === 1 ? " is" : "s are"} masked for you.`, "warn") : null, fieldsTable(product)),
        section("sample", "Sample", h("p", { class: "muted small" }, "Up to 10 rows, read as you: your masks and row filters apply."), orError(errors, "sample", () => sampleTable(product))),
        section("usage", "Usage", orError(errors, "usage", () => usageChart(product.usage))),
        section("relationships", "Relationships", relationshipGraph(product)),
        section("lineage", "Lineage", lineageFlow(product)),
        section("policies", "Policies that apply to you", orError(errors, "policies", () => policiesList(product))),
      ),
      sidebar(product, errors),
    ),
  );
}
