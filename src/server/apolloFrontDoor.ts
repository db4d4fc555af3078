import type { FrontDoor } from "./frontDoor.js";
import { persistedQueryCache } from "./trustedDocuments.js";

// Apollo's CSRF prevention refuses a request a browser could send without a preflight. Besides
// Apollo's own two headers, a request carrying a token or a purpose is not such a request:
// neither header is CORS-safelisted, so a browser asks first (and only allowed origins pass).
const PREFLIGHT_HEADERS = ["x-apollo-operation-name", "apollo-require-preflight", "authorization", "x-purpose"];

/** The Apollo Server options every meshql server takes from its front door. */
export function apolloFrontDoor(door: FrontDoor) {
  return {
    // Trusted documents are found by hash even when automatic persisted queries are off.
    persistedQueries: door.persistedQueries || door.trusted ? { cache: persistedQueryCache(door.trusted) } : (false as const),
    parseOptions: { maxTokens: door.limits.maxTokens },
    csrfPrevention: { requestHeaders: PREFLIGHT_HEADERS },
  };
}
