/** Who asks and why, from a verified token and the request's `x-purpose`. */
export interface Identity {
  subject?: string;
  groups: string[];
  /** Purposes the token grants. */
  purposes: string[];
  attributes: Record<string, unknown>;
  /** OAuth scopes from the token, for Federation's @requiresScopes. */
  scopes?: string[];
  /** The purpose this request declared (one of `purposes`), if any. */
  purpose?: string;
}

/** Only for meshes configured with `identity: { anonymous: true }`, and for tests. */
export const ANONYMOUS: Identity = { groups: [], purposes: [], attributes: {} };
