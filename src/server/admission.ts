import type { GraphQLSchema } from "graphql";
import { GraphQLError } from "graphql";
import { LRUCache } from "lru-cache";
import type { Identity } from "../identity/Identity.js";
import type { FrontDoor } from "./frontDoor.js";
import { checkOperationShape } from "./operationLimits.js";
import { DocumentSignatures, sha256Hex } from "./trustedDocuments.js";

/** The request parameters admission looks at, from a POST body or a GET query string. */
export interface GraphQLParams {
  query?: unknown;
  extensions?: unknown;
}

const notTrusted = () =>
  new GraphQLError("this server runs only trusted operations, and this one is not in its manifest", {
    extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST", http: { status: 400 } },
  });

const persistedHash = (extensions: unknown): string | undefined => {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === "string" ? hash : undefined;
};

/**
 * What a server checks of an operation before Apollo parses, validates or runs it: that it is
 * trusted, when the mesh has a manifest, and its shape limits. Texts already admitted are
 * remembered, so a client's repeated operations cost one lookup.
 */
export class Admission {
  private readonly admitted = new LRUCache<string, true>({ max: 1000 });
  private readonly signatures: DocumentSignatures;

  constructor(
    private readonly door: FrontDoor,
    private readonly schema: GraphQLSchema,
  ) {
    this.signatures = new DocumentSignatures(door.gatewayKey);
  }

  /**
   * Throws a coded GraphQLError for an operation this server must not run; true when the
   * operation is the gateway's own. Its subgraph calls, signed, pass: it held its caller's
   * operation to the same rules, and the calls it derives from one (entity fetches batched under
   * aliases) may count more aliases.
   */
  admit(params: GraphQLParams, identity: Identity | undefined, gatewaySignature: string | undefined): boolean {
    const query = typeof params.query === "string" ? params.query : undefined;
    if (query !== undefined && this.signatures.verify(query, gatewaySignature)) return true;
    const { trusted } = this.door;
    if (trusted && !identity?.groups.some((g) => trusted.exceptGroups.includes(g))) {
      const hash = query !== undefined ? sha256Hex(query) : persistedHash(params.extensions);
      if (hash === undefined || !trusted.documents.has(hash)) throw notTrusted();
    }
    if (query !== undefined && !this.admitted.has(query) && checkOperationShape(this.schema, query, this.door.limits)) this.admitted.set(query, true);
    return false;
  }
}
