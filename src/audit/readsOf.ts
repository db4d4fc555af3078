import { fieldOfColumn, type Product } from "../metadata/model.js";
import type { AggregateSelection, Expr, FieldSelection, Predicate, RootSelection, RowsSelection } from "../selection/ir.js";

/** What statements read, each list sorted: one plan's, or one operation's over all its statements. */
export interface Reads {
  products: readonly string[];
  fields: readonly string[];
  policies: readonly string[];
}

/** What one operation read, for its audit event: the reads of each plan whose statement ran, and the rows returned. */
export interface OperationAudit {
  reads: Set<Reads>;
  rows: number;
}

export const newOperationAudit = (): OperationAudit => ({ reads: new Set(), rows: 0 });

const NOTHING: Reads = { products: [], fields: [], policies: [] };

/** All an operation read: a single plan's lists as they are (most operations run one statement), else their sorted union. */
export function readsOf(audit: OperationAudit | undefined): Reads {
  if (!audit || audit.reads.size === 0) return NOTHING;
  if (audit.reads.size === 1) return audit.reads.values().next().value!;
  const union = (list: (r: Reads) => readonly string[]) => [...new Set([...audit.reads].flatMap(list))].sort();
  return { products: union((r) => r.products), fields: union((r) => r.fields), policies: union((r) => r.policies) };
}

/** The products and fields a governed selection reads, and the policies applied to it, each sorted. */
export function readsOfSelection(root: RootSelection, policies: readonly string[]): Reads {
  const found = { products: new Set<string>(), fields: new Set<string>() };
  addReads(found, root);
  return { products: [...found.products].sort(), fields: [...found.fields].sort(), policies: [...new Set(policies)].sort() };
}

/** Adds the products and fields a governed selection reads, wherever they are used. */
function addReads(audit: { products: Set<string>; fields: Set<string> }, root: RootSelection): void {
  const product = (p: Product) => {
    if (p.table) audit.products.add(`${p.domain}.${p.name}`);
  };
  const expr = (e: Expr, p: Product): void => {
    switch (e.kind) {
      case "column": {
        const field = fieldOfColumn(p, e.column);
        if (field && p.table) audit.fields.add(`${p.domain}.${p.name}.${field.name}`);
        return;
      }
      case "related":
        followed(p, e.relation.name);
        product(e.relation.targetProduct);
        expr(e.expr, e.relation.targetProduct);
        if (e.where) predicate(e.where, e.relation.targetProduct);
        return;
      case "aggregate":
        if (e.arg) expr(e.arg, p);
        return;
      case "mask":
      case "bucket":
        expr(e.input, p);
        return;
    }
  };
  const predicate = (w: Predicate, p: Product): void => {
    switch (w.kind) {
      case "and":
      case "or":
        return w.items.forEach((i) => predicate(i, p));
      case "not":
        return predicate(w.item, p);
      case "compare":
        return expr(w.left, p);
      case "isNull":
        return expr(w.expr, p);
      case "related":
        followed(p, w.relation.name);
        product(w.relation.targetProduct);
        return predicate(w.where, w.relation.targetProduct);
    }
  };
  const aggregate = (a: AggregateSelection, p: Product) => {
    for (const item of a.items) if (item.kind !== "count") item.fields.forEach((f) => expr(f.expr, p));
  };
  // A relation or reference followed is a field read too, even for its key alone: removing it
  // breaks whoever followed it (meshql check). Also on a type another domain owns (sales.Customer.invoices).
  const followed = (p: Product, name: string) => audit.fields.add(`${p.domain}.${p.name}.${name}`);
  const field = (f: FieldSelection, p: Product): void => {
    if (f.kind === "scalar") return expr(f.expr, p);
    if (f.kind === "typename") return;
    followed(p, f.kind === "reference" ? f.reference.name : f.relation.name);
    if (f.kind === "aggregate") {
      product(f.relation.targetProduct);
      if (f.where) predicate(f.where, f.relation.targetProduct);
      return aggregate(f.aggregate, f.relation.targetProduct);
    }
    return rows(f.rows);
  };
  const rows = (r: RowsSelection) => {
    product(r.product);
    r.fields.forEach((f) => field(f, r.product));
    if (r.where) predicate(r.where, r.product);
    r.orderBy.forEach((o) => expr(o.expr, r.product));
  };
  switch (root.kind) {
    case "list":
    case "one":
    case "entities":
      return rows(root.rows);
    case "changes":
      rows(root.changes.rows);
      root.changes.items.forEach((i) => i.kind === "row" && i.fields.forEach((f) => field(f, root.changes.rows.product)));
      return root.changes.compared.forEach((c) => expr(c.expr, root.changes.rows.product));
    case "aggregate":
      product(root.product);
      if (root.where) predicate(root.where, root.product);
      return aggregate(root.aggregate, root.product);
    case "groupBy": {
      const { group } = root;
      product(group.product);
      group.by.forEach((e) => expr(e, group.product));
      if (group.where) predicate(group.where, group.product);
      if (group.having) predicate(group.having, group.product);
      group.orderBy.forEach((o) => expr(o.expr, group.product));
      return aggregate(group.aggregate, group.product);
    }
  }
}
