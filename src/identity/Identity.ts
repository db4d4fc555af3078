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
  /**
   * Domains and products (`domain.Product`) this identity may read at all, anything else being
   * denied before any SQL: set for anonymous callers (`identity.anonymous.reads`). Absent: all.
   */
  reads?: string[];
}

/** A caller with no subject, groups or purposes, and no limit on what it reads (tests). */
export const ANONYMOUS: Identity = { groups: [], purposes: [], attributes: {} };
