import { h } from "./dom.js";
import { getHeader, readHeaders, saveHeaders, storedToken, withHeader } from "./headers.js";

/** Tells the page the stored headers changed, so it asks again as the new caller. */
export const announceHeaders = () => window.dispatchEvent(new Event("meshql:headers"));

export function closeTokenBox() {
  const box = document.getElementById("token-box");
  box.hidden = true;
  box.replaceChildren();
}

/**
 * The small form that sets the bearer token and purpose: what the page needs when no token is
 * stored, or when the gateway refused the stored one (`message` says why).
 */
export function openTokenBox(message) {
  const box = document.getElementById("token-box");
  const { headers, invalid } = readHeaders();
  const token = h("textarea", { id: "token-input", name: "token", rows: 3, required: true, spellcheck: "false", autocomplete: "off", placeholder: "eyJhbGciOi…" });
  token.value = storedToken() ?? "";
  const purpose = h("input", { id: "purpose-input", name: "purpose", type: "text", autocomplete: "off", placeholder: "e.g. analytics (optional)" });
  purpose.value = getHeader(headers, "x-purpose") ?? "";
  const form = h(
    "form",
    {
      class: "token-form page",
      onsubmit: (event) => {
        event.preventDefault();
        const value = token.value.trim().replace(/^bearer\s+/i, "");
        // Other headers the explorer keeps (unless its text was not JSON) are left as they are.
        const next = withHeader(withHeader(invalid ? {} : headers, "authorization", `Bearer ${value}`), "x-purpose", purpose.value.trim());
        saveHeaders(next);
        closeTokenBox();
        announceHeaders();
      },
    },
    h("h2", {}, "Ask as someone"),
    message ? h("p", { class: "note note-error", role: "alert" }, message) : null,
    invalid ? h("p", { class: "note note-error" }, "The explorer's headers are not a JSON object; saving here replaces them.") : null,
    h(
      "p",
      { class: "muted" },
      "Every read is governed for the caller. Paste a bearer token (for the demo: ",
      h("code", {}, "npm run -s token -- steward"),
      ") and, if you like, the purpose you ask for.",
    ),
    h("label", { for: "token-input" }, "Bearer token"),
    token,
    h("label", { for: "purpose-input" }, "Purpose (x-purpose)"),
    purpose,
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "button button-primary", id: "token-save" }, "Use this token"),
      storedToken() ? h("button", { type: "button", class: "button", onclick: closeTokenBox }, "Cancel") : null,
    ),
    h("p", { class: "hint" }, "Kept in this browser only (localStorage, graphiql:headers), and shared with the explorer's headers."),
  );
  box.replaceChildren(form);
  box.hidden = false;
  token.focus();
}
