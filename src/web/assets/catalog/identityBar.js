import { h } from "./dom.js";
import { getHeader, readClaims, readHeaders, saveHeaders, storedToken, withHeader } from "./headers.js";
import { announceHeaders, openTokenBox } from "./tokenBox.js";

function signOut() {
  const { headers } = readHeaders();
  saveHeaders(withHeader(withHeader(headers, "authorization", ""), "x-purpose", ""));
  announceHeaders();
}

/** Who the page asks as (read from the token, not verified here), with ways to change it. */
export function renderIdentityBar() {
  const bar = document.getElementById("identity");
  const token = storedToken();
  if (!token) {
    bar.replaceChildren(h("button", { type: "button", class: "button button-light", id: "sign-in", onclick: () => openTokenBox() }, "Set a token"));
    return;
  }
  const claims = readClaims(token) ?? {};
  const purpose = getHeader(readHeaders().headers, "x-purpose");
  const subject = typeof claims.sub === "string" ? claims.sub : "unknown subject";
  const groups = Array.isArray(claims.groups) ? claims.groups.join(", ") : "";
  bar.replaceChildren(
    h(
      "span",
      { class: "who", id: "who", title: groups ? `groups: ${groups}` : "" },
      h("span", { class: "who-label" }, "as "),
      h("strong", {}, subject),
      purpose ? h("span", { class: "who-purpose" }, ` · ${purpose}`) : null,
    ),
    h("button", { type: "button", class: "button button-light", onclick: () => openTokenBox() }, "Change"),
    h("button", { type: "button", class: "button button-light", onclick: signOut }, "Sign out"),
  );
}
