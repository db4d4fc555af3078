// The request headers the catalog sends, shared with GraphiQL: it keeps its headers editor's
// text in localStorage under graphiql:headers (a JSON object), so a token set here is the
// explorer's token and the other way round.

const KEY = "graphiql:headers";

/** The stored headers; `invalid` when the explorer's headers text is not a JSON object. */
export function readHeaders() {
  const raw = localStorage.getItem(KEY);
  if (!raw || !raw.trim()) return { headers: {}, invalid: false };
  try {
    const parsed = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return { headers: Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])), invalid: false };
    }
  } catch {
    // Reported as invalid below.
  }
  return { headers: {}, invalid: true };
}

export function saveHeaders(headers) {
  if (Object.keys(headers).length === 0) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, JSON.stringify(headers, null, 2));
}

/** The value of a header, whatever the case of its stored name. */
export function getHeader(headers, name) {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** A copy with `name` set to `value` (removed when empty), replacing any casing of the name. */
export function withHeader(headers, name, value) {
  const copy = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name));
  if (value) copy[name] = value;
  return copy;
}

/** The bearer token of the stored headers, if any. */
export function storedToken() {
  const value = getHeader(readHeaders().headers, "authorization") ?? "";
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : undefined;
}

/**
 * The claims of a JWT, read without verifying it: only to show who the page asks as. The
 * servers verify every request.
 */
export function readClaims(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const json = decodeURIComponent(
      Array.from(atob(payload), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join(""),
    );
    const claims = JSON.parse(json);
    return claims && typeof claims === "object" ? claims : undefined;
  } catch {
    return undefined;
  }
}
