import { MetadataError } from "./MetadataError.js";
import type { ColumnField, Product, RelationField } from "./model.js";

export interface PendingRelation {
  source: Product;
  field: RelationField;
  args: { column?: string[]; references?: string[]; through?: string; targetColumn?: string[] };
}

/**
 * Turns each `@relation(...)` into a join once every type of the domain is known. Columns are
 * lists (one per column of a composite key), paired in order:
 * a list relation's `column` lives on the target and points at the source's key (or `references`);
 * an object relation's `column` lives on the source and points at the target's key (or `references`);
 * `through` names a link table whose `column` points at the source key and `targetColumn` at the target key.
 */
export function resolveRelations(types: Map<string, Product>, pending: PendingRelation[]): void {
  for (const { source, field, args } of pending) {
    const where = `${source.name}.${field.name}`;
    const fail = (reason: string): never => {
      throw new MetadataError(`${where}: ${reason}`, field.loc);
    };
    const target = types.get(field.target);
    if (!target?.table) fail(`@relation target ${field.target} is not a @product of this domain`);
    if (!args.column?.length) fail("@relation needs column:");
    field.targetProduct = target!;
    // Nothing generated for a hidden product may be named by a visible one (its Where, OrderBy…).
    if (target!.inaccessible && !field.inaccessible && !source.inaccessible) fail(`${target!.name} is @inaccessible: mark this relation @inaccessible too`);
    const keyOf = (p: Product, role: string) =>
      p.keyFields.length ? p.keyFields.map((k) => k.column) : fail(`${p.name} has no @key: name the ${role} columns with references:`);
    /** The author's columns, checked to pair one to one with the columns they match. */
    const given = (columns: string[], matched: string[], what: string) =>
      columns.length === matched.length ? columns : fail(`${what} names ${columns.length} column(s) for ${matched.length} to match`);
    if (args.through) {
      if (!field.list) fail("@relation(through:) needs a list field");
      if (!args.targetColumn?.length) fail("@relation(through:) needs targetColumn:");
      const sourceColumns = args.references ?? keyOf(source, "source");
      const targetColumns = keyOf(target!, "target");
      const through = { table: args.through, sourceColumns: given(args.column!, sourceColumns, "column"), targetColumns: given(args.targetColumn!, targetColumns, "targetColumn") };
      field.join = { sourceColumns, targetColumns, through };
    } else if (field.list) {
      const sourceColumns = args.references ?? keyOf(source, "source");
      field.join = { sourceColumns, targetColumns: given(args.column!, sourceColumns, "column") };
    } else {
      const targetColumns = args.references ?? keyOf(target!, "target");
      field.join = { sourceColumns: given(args.column!, targetColumns, "column"), targetColumns };
    }
  }
  for (const type of types.values()) {
    if (!type.table) assertStubShape(type);
    for (const field of type.fields.values()) {
      if (field.kind !== "reference") continue;
      const target = types.get(field.target);
      if (!target || target.table) {
        throw new MetadataError(
          `${type.name}.${field.name}: @reference target ${field.target} must be declared here as another domain's entity (a type with @key and no @product)`,
          field.loc,
        );
      }
      if (field.columns.length !== target.keyFields.length) {
        throw new MetadataError(
          `${type.name}.${field.name}: @reference names ${field.columns.length} column(s) for the ${target.keyFields.length} key field(s) of ${target.name}`,
          field.loc,
        );
      }
      field.targetProduct = target;
    }
  }
}

/**
 * An entity stub holds another domain's key, the @external fields its relations @require, and
 * this domain's relations from it, nothing else. A relation joins on key columns, or on the
 * columns of @external fields it @requires (their values come with each representation).
 */
function assertStubShape(stub: Product): void {
  const externals = new Map<string, ColumnField>();
  const required = new Set<string>();
  for (const field of stub.fields.values()) {
    const isKey = stub.keyFields.includes(field as never);
    if (field.kind === "column" && field.external && !isKey) externals.set(field.name, field);
    else if (field.kind === "column" && !isKey) {
      throw new MetadataError(
        `${stub.name}.${field.name}: an entity of another domain declares only its @key fields, @external fields its relations @require, and this domain's relations`,
        field.loc,
      );
    }
    if (field.kind === "reference") throw new MetadataError(`${stub.name}.${field.name}: @reference is for products`, field.loc);
  }
  for (const field of stub.fields.values()) {
    if (field.kind !== "relation") continue;
    const given = new Map<string, string>();
    for (const name of field.requires ?? []) {
      const external = externals.get(name);
      if (!external) throw new MetadataError(`${stub.name}.${field.name}: @requires names ${name}, which is no @external field of ${stub.name}`, field.loc);
      given.set(external.column, name);
      required.add(name);
    }
    const keyColumns = new Set(stub.keyFields.map((k) => k.column));
    for (const column of field.join.sourceColumns) {
      if (keyColumns.has(column) || given.has(column)) continue;
      const external = [...externals.values()].find((e) => e.column === column);
      throw new MetadataError(
        external
          ? `${stub.name}.${field.name} joins on @external field ${external.name}: add @requires(fields: "${external.name}")`
          : `${stub.name}.${field.name} joins on "${column}", which is neither a @key field of ${stub.name} nor an @external field it @requires`,
        field.loc,
      );
    }
  }
  for (const [name, field] of externals) {
    if (!required.has(name)) throw new MetadataError(`${stub.name}.${name} is @external but no relation @requires it`, field.loc);
  }
}
