/** A Content-Security-Policy from its directives; the ones every page shares come first. */
function policy(directives: Record<string, string>): string {
  const all: Record<string, string> = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    ...directives,
  };
  return Object.entries(all)
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");
}

/** The catalog page: scripts, styles and requests from this server only. */
export const CATALOG_CSP = policy({ "img-src": "'self' data:" });

/** GraphiQL: its stylesheet embeds fonts and icons as data: URLs. */
export const GRAPHIQL_CSP = policy({ "img-src": "'self' data:", "font-src": "'self' data:" });

/**
 * Apollo Sandbox: its script comes from Apollo's CDN and it runs in a frame from Apollo's site;
 * operations are still sent from this page, to this server.
 */
export const SANDBOX_CSP = policy({
  "script-src": "'self' https://embeddable-sandbox.cdn.apollographql.com",
  "frame-src": "https://sandbox.embed.apollographql.com",
});

/** Headers for an HTML page served under `csp`: no framing, no referrer leaking tokens in URLs. */
export const pageHeaders = (csp: string): Record<string, string> => ({
  "content-security-policy": csp,
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
});
