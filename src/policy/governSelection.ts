import type { RootSelection } from "../selection/ir.js";

/** Who asks, as far as policies care. Filled from verified tokens by the identity stage. */
export interface Identity {
  subject?: string;
  groups: string[];
  purposes: string[];
  attributes: Record<string, unknown>;
}

export const ANONYMOUS: Identity = { groups: [], purposes: [], attributes: {} };

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
