import type { Identity } from "../identity/Identity.js";
import type { ScalarType } from "../metadata/model.js";
import { raw, type Sql } from "../sql/Sql.js";
import { CONTROL_SCHEMA, quoteLiteral } from "./sqlNames.js";
import { foreignColumnType, STAND_IN } from "./viewColumnType.js";

/** A value of the caller's identity (`subject` or an attribute), read from its session when a view runs. */
export class IdentityRef {
  constructor(readonly name: string) {}
}

/**
 * An identity whose subject and attributes are references to the session, for compiling a
 * policy's `where` once for every caller. `used` collects the names a `where` read.
 */
export function sessionIdentity(): { identity: Identity; used: Set<string> } {
  const used = new Set<string>();
  const ref = (name: string) => {
    used.add(name);
    return new IdentityRef(name);
  };
  const attributes = new Proxy({}, { get: (_target, name) => (typeof name === "string" ? ref(name) : undefined) });
  const identity = { groups: [], purposes: [], attributes, get subject() { return ref("subject") as unknown as string; } };
  return { identity, used };
}

const call = (fn: string, args: string) => `${CONTROL_SCHEMA}.${fn}(${args})`;

/**
 * Session reads are scalar subqueries, which PostgreSQL runs once per statement and the foreign
 * data wrappers send to the store as parameters. None is ever NULL (see STAND_IN).
 */
const once = (expression: string): Sql => raw(`(SELECT ${expression})`);

export const identityValue = (name: string, type: ScalarType): Sql =>
  once(`CAST(coalesce(${call("identity_value", quoteLiteral(name))}, ${quoteLiteral(STAND_IN[type])}) AS ${foreignColumnType({ type })})`);

export const hasIdentityValues = (names: Iterable<string>): Sql =>
  once(call("has_identity_values", `ARRAY[${[...names].map(quoteLiteral).join(", ")}]::text[]`));

/** True when the policy does not apply to the caller. */
export const policyOff = (key: string): Sql => once(`NOT ${call("applies", quoteLiteral(key))}`);
export const policyOn = (key: string): Sql => once(call("applies", quoteLiteral(key)));

/** True, or an error saying which scopes `what` needs (`@requiresScopes`: any one alternative, all of its scopes). */
export const requireScopes = (what: string, alternatives: string[][]): Sql =>
  once(call("require_scopes", `${quoteLiteral(what)}, ARRAY[${alternatives.map((a) => quoteLiteral(a.join(" "))).join(", ")}]::text[]`));

/** True, or an error naming the first of `policies` that denies `what` to the caller (and an error without a session). */
export const gate = (what: string, policies: string[]): Sql =>
  once(call("gate", `${quoteLiteral(what)}, ARRAY[${policies.map(quoteLiteral).join(", ")}]::text[]`));
