import type { FieldSelection, RootSelection } from "./ir.js";
import { userError } from "./userError.js";

function depthOf(fields: FieldSelection[]): number {
  let deepest = 0;
  for (const f of fields) {
    if (f.kind === "object" || f.kind === "list" || f.kind === "reference") deepest = Math.max(deepest, depthOf(f.rows.fields));
  }
  return deepest + 1;
}

/** Refuses selections nested deeper than the mesh allows, before any SQL is built. */
export function assertDepth(root: RootSelection, maxDepth: number): void {
  const fields = root.kind === "list" || root.kind === "one" || root.kind === "entities" ? root.rows.fields : [];
  const depth = depthOf(fields);
  if (depth > maxDepth) throw userError(`query depth ${depth} is over the maximum of ${maxDepth}`);
}
