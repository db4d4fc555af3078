import type { Identity } from "../identity/Identity.js";
import type { RootSelection } from "../selection/ir.js";


export interface Governed {
  selection: RootSelection;
  /** Names of the policies applied, for the statement's comment and the audit log. */
  policies: string[];
}

/**
 * The policy stage: rewrites a selection into the governed selection for an identity.
 * No policies are defined yet, so the selection passes through unchanged.
 */
export function governSelection(selection: RootSelection, _identity: Identity): Governed {
  return { selection, policies: [] };
}
