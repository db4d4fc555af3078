import { chip, h, note } from "./dom.js";

/** The policies that change what the caller reads from this product, in words. */
export function policiesList(product) {
  if (!product.policies.length) return note("No policy changes what you read from this product.");
  return h(
    "ul",
    { class: "policy-list", id: "policy-list" },
    product.policies.map((policy) =>
      h(
        "li",
        { class: "policy" },
        h("div", { class: "policy-head" }, h("code", { class: "policy-name" }, policy.name), chip(policy.kind, "kind")),
        h("p", {}, policy.description),
        policy.fields.length ? h("div", { class: "chips" }, policy.fields.map((f) => chip(f, "field"))) : null,
      ),
    ),
  );
}
