// The catalog page: a hash router over the search page (#/?q=…) and product pages
// (#/product/<domain.Type>), asking the gateway's /graphql as the caller of the stored headers.
import { h, note } from "./dom.js";
import { readHeaders, storedToken } from "./headers.js";
import { renderIdentityBar } from "./identityBar.js";
import { renderProduct } from "./productView.js";
import { renderSearch } from "./searchView.js";
import { closeTokenBox, openTokenBox } from "./tokenBox.js";

const view = document.getElementById("view");

/** Shows why a page could not be read; a refused token opens the token box. */
function showFailure(error) {
  const refused = error.status === 401 || error.status === 403 || error.code === "UNAUTHENTICATED" || error.code === "FORBIDDEN";
  if (refused) openTokenBox(`The gateway refused the request: ${error.message}`);
  view.replaceChildren(
    h("section", { class: "card empty" }, h("h1", {}, refused ? "Not allowed" : "Something went wrong"), note(error.message ?? String(error), "error")),
  );
}

// Each route is numbered: a page left behind may still be waiting for its answer, and only the
// latest route may write to the view (else a slow answer for the previous page replaces it).
let latest = 0;

/** The view as one route may write to it: its writes are dropped once another route started. */
const viewFor = (ticket) => ({ replaceChildren: (...nodes) => ticket === latest && view.replaceChildren(...nodes) });

async function route() {
  const ticket = ++latest;
  renderIdentityBar();
  if (!storedToken()) {
    openTokenBox(readHeaders().invalid ? undefined : "No token yet: set one to browse the catalog.");
    view.replaceChildren(h("section", { class: "card empty" }, h("h1", {}, "Data catalog"), note("Set a token above to see the products you may read.")));
    return;
  }
  closeTokenBox();
  const hash = location.hash.replace(/^#/, "") || "/";
  const product = /^\/product\/(.+)$/.exec(hash);
  try {
    if (product) await renderProduct(viewFor(ticket), decodeURIComponent(product[1]));
    else await renderSearch(viewFor(ticket), new URLSearchParams(hash.split("?")[1] ?? ""), (error) => ticket === latest && showFailure(error));
    if (ticket === latest) window.scrollTo(0, 0);
  } catch (error) {
    if (ticket === latest) showFailure(error);
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("meshql:headers", route);
// The explorer in another tab changed the headers.
window.addEventListener("storage", (event) => {
  if (event.key === "graphiql:headers") route();
});
route();
