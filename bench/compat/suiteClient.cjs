// Stands in for the compatibility suite's own client (its dist/utils/client.js, which names the
// router at localhost:4000 and the subgraphs at 4001-4003): the same requests, to the addresses
// scripts/compat.ts gives in ROUTER_URL and PRODUCTS_URL. Jest maps the suite's
// `require("../utils/client")` here (moduleNameMapper).

const ROUTER_URL = process.env.ROUTER_URL;
const PRODUCTS_URL = process.env.PRODUCTS_URL;

/** A POST as the suite's client sends it: JSON back when the answer is JSON with a 2xx, else text. */
async function graphqlRequest(url, req, headers) {
  const resp = await fetch(url, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json", ...(headers ?? {}) },
    body: JSON.stringify(req),
  });
  if (resp.ok && resp.headers.get("content-type")?.startsWith("application/json")) return resp.json();
  return resp.text();
}

module.exports = {
  ROUTER_URL,
  graphqlRequest,
  productsRequest: (req, headers) => graphqlRequest(PRODUCTS_URL, req, headers),
  routerRequest: (req, headers) => graphqlRequest(ROUTER_URL, req, headers),
};
