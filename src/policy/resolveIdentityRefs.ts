import type { Identity } from "../identity/Identity.js";

/** The identity lacks a value a row filter needs: the filter then admits no row. */
export class MissingIdentityValue extends Error {}

/**
 * A policy's `where` with each `{ identity: name }` replaced by the identity's value: `subject`,
 * or an attribute. `missing` says what stands for an absent value; by default it throws
 * MissingIdentityValue, so the caller can hide every row rather than reveal any.
 */
export function resolveIdentityRefs(where: unknown, identity: Identity, missing?: () => unknown): unknown {
  if (Array.isArray(where)) return where.map((w) => resolveIdentityRefs(w, identity, missing));
  if (where === null || typeof where !== "object") return where;
  const entries = Object.entries(where);
  if (entries.length === 1 && entries[0][0] === "identity" && typeof entries[0][1] === "string") {
    const name = entries[0][1];
    const value = name === "subject" ? identity.subject : identity.attributes[name];
    if (value !== undefined && value !== null) return value;
    if (missing) return missing();
    throw new MissingIdentityValue(name);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIdentityRefs(v, identity, missing)]));
}
