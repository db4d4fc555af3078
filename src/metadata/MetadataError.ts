import type { SourceLoc } from "./model.js";

/** A mistake in a domain's declarations: says where and why, and stops start-up. */
export class MetadataError extends Error {
  constructor(
    readonly reason: string,
    readonly loc?: Partial<SourceLoc>,
  ) {
    super(loc?.file ? `${loc.file}${loc.line ? `:${loc.line}:${loc.column ?? 1}` : ""}: ${reason}` : reason);
    this.name = "MetadataError";
  }
}
