import { GraphQLError } from "graphql";
import type { Identity } from "../identity/Identity.js";
import { fieldOfColumn, type ColumnField, type Product } from "../metadata/model.js";
import { and } from "../selection/buildWhere.js";
import type { AggregateSelection, Expr, FieldSelection, MaskFunction, Predicate, RootSelection, RowsSelection } from "../selection/ir.js";
import { policyPredicate } from "./policyPredicate.js";
import { ApplicablePolicies } from "./applicablePolicies.js";
import type { Policy } from "./model.js";
import { MissingIdentityValue } from "./resolveIdentityRefs.js";

export interface Governed {
  selection: RootSelection;
  /** Names of the policies applied, for the statement's comment and the audit log. */
  policies: string[];
}

const FALSE: Predicate = { kind: "or", items: [] };

/** An enum's constant mask names a value; the store holds its text. */
const storedConstant = (mask: MaskFunction, field: ColumnField): MaskFunction =>
  mask.as === "constant" && field.enum ? { ...mask, value: field.enum.values.find((v) => v.name === mask.value)?.stored ?? mask.value } : mask;

/**
 * The policy stage: the selection as this identity may see it. Denied products and fields are
 * refused; row filters are ANDed into every level that reads a product (lists, relation filters,
 * related values, aggregates, entities); masked fields become mask expressions wherever they
 * are used, so filters, orders, groups and aggregates only ever see masked values; aggregates
 * over too few rows are suppressed.
 */
export function governSelection(selection: RootSelection, identity: Identity, policies: Policy[]): Governed {
  const governor = new Governor(new ApplicablePolicies(policies, identity), identity);
  return { selection: governor.root(selection), policies: [...governor.applied].sort() };
}

class Governor {
  readonly applied = new Set<string>();

  constructor(
    private readonly policies: ApplicablePolicies,
    private readonly identity: Identity,
  ) {}

  root(selection: RootSelection): RootSelection {
    switch (selection.kind) {
      case "list":
      case "one":
      case "entities":
        return { ...selection, rows: this.rows(selection.rows) };
      case "changes": {
        // The same governance at both instants: row filters on each side, masked values compared.
        const { changes } = selection;
        const { product } = changes.rows;
        return {
          kind: "changes",
          changes: {
            ...changes,
            rows: this.rows(changes.rows),
            items: changes.items.map((i) => (i.kind === "row" ? { ...i, fields: i.fields.map((f) => this.field(f, product)) } : i)),
            compared: changes.compared.filter(({ name }) => this.visible(product, name)).map((c) => ({ ...c, expr: this.expr(c.expr, product) })),
          },
        };
      }
      case "aggregate": {
        const { product } = selection;
        this.allow(product);
        return { ...selection, where: this.where(selection.where, product), aggregate: this.aggregate(selection.aggregate, product) };
      }
      case "groupBy": {
        const { group } = selection;
        const { product } = group;
        this.allow(product);
        const threshold = this.policies.threshold(product);
        if (threshold) this.applied.add(threshold.name);
        const minimum: Predicate[] = threshold
          ? [{ kind: "compare", left: { kind: "aggregate", fn: "count", type: "Int" }, op: "gte", value: threshold.minGroupSize }]
          : [];
        return {
          kind: "groupBy",
          group: {
            ...group,
            by: group.by.map((e) => this.expr(e, product)),
            where: this.where(group.where, product),
            having: and([...(group.having ? [this.predicate(group.having, product)] : []), ...minimum]),
            orderBy: group.orderBy.map((o) => ({ ...o, expr: this.expr(o.expr, product) })),
            aggregate: this.aggregate(group.aggregate, product, false),
          },
        };
      }
    }
  }

  private rows(rows: RowsSelection): RowsSelection {
    const { product } = rows;
    // Another domain's entity holds only its key here; its fields are governed where it lives.
    if (!product.table) return { ...rows, fields: rows.fields.map((f) => this.field(f, product)) };
    this.allow(product);
    return {
      ...rows,
      where: this.where(rows.where, product),
      fields: rows.fields.map((f) => this.field(f, product)),
      orderBy: rows.orderBy.map((o) => ({ ...o, expr: this.expr(o.expr, product) })),
    };
  }

  private field(field: FieldSelection, product: Product): FieldSelection {
    switch (field.kind) {
      case "scalar":
        return { ...field, expr: this.expr(field.expr, product) };
      case "typename":
        return field;
      case "object":
      case "list":
      case "reference":
        return { ...field, rows: this.rows(field.rows) };
      case "aggregate": {
        const target = field.relation.targetProduct;
        this.allow(target);
        return { ...field, where: this.where(field.where, target), aggregate: this.aggregate(field.aggregate, target) };
      }
    }
  }

  /** The user's predicate, governed, ANDed with the product's row filters. */
  private where(where: Predicate | undefined, product: Product): Predicate | undefined {
    return and([...(where ? [this.predicate(where, product)] : []), ...this.rowFilters(product)]);
  }

  private predicate(p: Predicate, product: Product): Predicate {
    switch (p.kind) {
      case "and":
      case "or":
        return { ...p, items: p.items.map((i) => this.predicate(i, product)) };
      case "not":
        return { ...p, item: this.predicate(p.item, product) };
      case "compare":
        return { ...p, left: this.expr(p.left, product) };
      case "isNull":
        return { ...p, expr: this.expr(p.expr, product) };
      case "related": {
        const target = p.relation.targetProduct;
        this.allow(target);
        return { ...p, where: this.where(p.where, target) ?? { kind: "and", items: [] } };
      }
    }
  }

  private expr(e: Expr, product: Product): Expr {
    switch (e.kind) {
      case "column":
        return this.column(e, product);
      case "related": {
        const target = e.relation.targetProduct;
        this.allow(target);
        return { ...e, expr: this.expr(e.expr, target), where: this.where(undefined, target) };
      }
      case "aggregate":
        return e.arg ? { ...e, arg: this.expr(e.arg, product) } : e;
      case "bucket":
        // Buckets the value as this identity may see it: a masked date is bucketed masked.
        return { ...e, input: this.expr(e.input, product) };
      case "mask":
        throw new Error("masks are only ever added here");
    }
  }

  /** A column as this identity may see it: refused if its field is denied, masked if a mask wins. */
  private column(e: Extract<Expr, { kind: "column" }>, product: Product): Expr {
    const field = fieldOfColumn(product, e.column);
    if (!field) return e;
    this.allow(product, field);
    return this.policies.masks(product, field).reduce<Expr>((input, mask) => {
      this.applied.add(mask.name);
      return {
        kind: "mask",
        mask: storedConstant(mask.mask, field),
        input,
        when: mask.where ? this.maskWhere(mask.where, product) : undefined,
        type: field.type,
        ...(field.list ? { list: true } : {}),
      };
    }, e);
  }

  /** A mask's row condition with the identity's values; without them, every row is masked. */
  private maskWhere(where: Record<string, unknown>, product: Product): Predicate | undefined {
    return this.policyWhere(where, product) ?? undefined;
  }

  /** A policy's `where` with the identity's values, or null when the identity lacks one. */
  private policyWhere(where: Record<string, unknown>, product: Product): Predicate | null {
    try {
      return policyPredicate(product, where, this.identity) ?? null;
    } catch (error) {
      if (error instanceof MissingIdentityValue) return null;
      throw error;
    }
  }

  private aggregate(aggregate: AggregateSelection, product: Product, suppressSmall = true): AggregateSelection {
    const threshold = suppressSmall ? this.policies.threshold(product) : undefined;
    if (threshold) this.applied.add(threshold.name);
    return {
      minRows: threshold?.minGroupSize,
      items: aggregate.items.map((item) =>
        item.kind === "count" ? item : { ...item, fields: item.fields.map((f) => ({ ...f, expr: this.expr(f.expr, product) })) },
      ) as AggregateSelection["items"],
    };
  }

  /** Row filters use the real columns: they decide which rows exist for this identity. */
  private rowFilters(product: Product): Predicate[] {
    return this.policies.rowFilters(product).map((policy) => {
      this.applied.add(policy.name);
      // Without the identity's value, the filter admits no row.
      return this.policyWhere(policy.where, product) ?? FALSE;
    });
  }

  /** Whether a field is not denied to this identity: a denied field's changes are not reported. */
  private visible(product: Product, name: string): boolean {
    const field = product.fields.get(name);
    return field?.kind !== "column" || !this.policies.denial(product, field);
  }

  private allow(product: Product, field?: ColumnField): void {
    const denial = this.policies.denial(product, field);
    if (!denial) return;
    const what = `${product.domain}.${product.name}${field ? `.${field.name}` : ""}`;
    throw new GraphQLError(`${what} is not available to this identity (policy ${denial.name})`, {
      extensions: { code: "FORBIDDEN", policy: denial.name },
    });
  }
}
