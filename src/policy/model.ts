import type { ColumnField, Product } from "../metadata/model.js";
import type { ConditionSpec, MaskSpec } from "./policyFile.js";

/** Where a policy was declared and how it is known in SQL comments and the audit log. */
export interface PolicyOrigin {
  name: string;
  description?: string;
  /** "global" or the domain whose owner declared it. */
  scope: string;
  file: string;
  line: number;
  guardrail: boolean;
  when?: ConditionSpec[];
  unless?: ConditionSpec[];
}

export interface RowFilterPolicy extends PolicyOrigin {
  kind: "rowFilter";
  product: Product;
  /** The filter in `<Product>Where` form; identity references are resolved per request. */
  where: Record<string, unknown>;
}

export interface MaskPolicy extends PolicyOrigin {
  kind: "mask";
  mask: MaskSpec;
  /** What it covers: one field, or every field with a tag (or a tag below it: pii covers pii.email). */
  target: { field: ColumnField; product: Product } | { tag: string };
  /** Field over tag, deeper tag over shallower. */
  specificity: number;
  where?: Record<string, unknown>;
}

export interface DenyPolicy extends PolicyOrigin {
  kind: "deny";
  target: { domain: string } | { product: Product } | { product: Product; field: ColumnField | undefined; fieldName: string };
}

export interface AggregatePolicy extends PolicyOrigin {
  kind: "aggregate";
  product: Product;
  minGroupSize: number;
}

export type Policy = RowFilterPolicy | MaskPolicy | DenyPolicy | AggregatePolicy;
