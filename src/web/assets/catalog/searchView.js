import { chip, h, note, productHref } from "./dom.js";
import { request } from "./graphql.js";
import { FACETS, PRODUCTS } from "./queries.js";

const FILTERS = ["domain", "tag", "owner"];

/** The search state kept in the hash (#/?q=…&domain=…), so a search can be linked and reloaded. */
function readState(params) {
  return { q: params.get("q") ?? "", domain: params.get("domain") ?? "", tag: params.get("tag") ?? "", owner: params.get("owner") ?? "" };
}

function writeState(state) {
  const params = new URLSearchParams(Object.entries(state).filter(([, v]) => v));
  const hash = params.toString() ? `#/?${params}` : "#/";
  // Replacing, not pushing: each keystroke is not a step back.
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function productCard(product) {
  return h(
    "a",
    { class: "card product-card", href: productHref(product.address), "data-address": product.address },
    h("div", { class: "product-card-head" }, h("span", { class: "product-name" }, product.name), chip(product.domain, "domain")),
    h("p", { class: "product-desc" }, product.description || "No description."),
    h(
      "div",
      { class: "product-meta" },
      h("span", {}, product.owner || "no owner"),
      h("span", {}, `${product.fields.length} field${product.fields.length === 1 ? "" : "s"}`),
    ),
    product.tags.length ? h("div", { class: "chips" }, product.tags.map((t) => chip(t))) : null,
  );
}

function select(name, label, values, current) {
  const options = [...new Set(values)].filter(Boolean).sort();
  return h(
    "label",
    { class: "filter" },
    h("span", { class: "filter-label" }, label),
    h(
      "select",
      { id: `filter-${name}`, name },
      h("option", { value: "" }, `Any ${name}`),
      options.map((value) => h("option", { value, selected: value === current }, value)),
    ),
  );
}

/** The search page: a search box, filters by domain, tag and owner, and the matching products. */
export async function renderSearch(view, params, onFailure) {
  const state = readState(params);
  const { data } = await request(FACETS);
  const all = data.meshqlDataProducts;
  const search = h("input", { id: "search", type: "search", name: "q", placeholder: "Search products, fields, descriptions and tags", "aria-label": "Search products", autocomplete: "off" });
  search.value = state.q;
  const count = h("p", { class: "result-count", id: "result-count" });
  const results = h("div", { class: "product-grid", id: "results" });
  const filters = h(
    "div",
    { class: "filters" },
    select("domain", "Domain", all.map((p) => p.domain), state.domain),
    select("tag", "Tag", all.flatMap((p) => p.tags), state.tag),
    select("owner", "Owner", all.map((p) => p.owner), state.owner),
  );
  const domains = new Set(all.map((p) => p.domain)).size;
  view.replaceChildren(
    h(
      "section",
      { class: "hero" },
      h("h1", {}, "Data products"),
      h("p", { class: "muted" }, `${all.length} products in ${domains} domains, each declared by its domain and served through the mesh.`),
      h("div", { class: "search-row" }, search),
      filters,
    ),
    count,
    results,
  );

  let latest = 0;
  async function update() {
    const asked = ++latest;
    writeState(state);
    const variables = Object.fromEntries(Object.entries({ search: state.q.trim(), domain: state.domain, tag: state.tag, owner: state.owner }).filter(([, v]) => v));
    try {
      const { data: found } = await request(PRODUCTS, variables);
      if (asked !== latest) return;
      const products = found.meshqlDataProducts;
      count.textContent = `${products.length} product${products.length === 1 ? "" : "s"}`;
      results.replaceChildren(...(products.length ? products.map(productCard) : [note("No product matches. Try fewer filters or another word.")]));
    } catch (error) {
      if (asked === latest) onFailure(error);
    }
  }

  let timer;
  search.addEventListener("input", () => {
    state.q = search.value;
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
  for (const name of FILTERS) {
    document.getElementById(`filter-${name}`).addEventListener("change", (event) => {
      state[name] = event.target.value;
      update();
    });
  }
  await update();
  if (!state.q) search.focus();
}
