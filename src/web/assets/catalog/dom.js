// Builds DOM nodes from data without ever parsing it as HTML: text goes in as text nodes and
// attributes through setAttribute, so a product's description or a sample value cannot inject
// markup or script.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
}

/** An HTML element: h("a", { href: "#/", class: "link" }, "text", child, …). */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** An SVG element, built like h(). */
export function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** The catalog's link to a product page; the address is data, so it is encoded. */
export const productHref = (address) => `#/product/${encodeURIComponent(address)}`;

/** A tag as a chip; masked-by-tag policies make tags matter, so they are always shown whole. */
export const chip = (text, kind = "tag") => h("span", { class: `chip chip-${kind}` }, text);

/** A section of the product page, with an id for in-page links and tests. */
export function section(id, title, ...children) {
  return h("section", { class: "card section", id, "aria-labelledby": `${id}-title` }, h("h2", { id: `${id}-title` }, title), ...children);
}

/** A short line saying why a part of the page is empty or missing. */
export const note = (text, kind = "muted") => h("p", { class: `note note-${kind}` }, text);

/** A date and time from the API (ISO 8601, UTC) in the reader's locale, the ISO value on hover. */
export function dateTime(iso) {
  if (!iso) return h("span", { class: "muted" }, "never");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h("span", {}, iso);
  return h("time", { datetime: iso, title: iso }, date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
}
