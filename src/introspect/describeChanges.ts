import { Kind, parse, print } from "graphql";
import { snakeCase } from "../metadata/naming.js";
import type { DatabaseModel } from "./DatabaseModel.js";
import type { ColumnDraft, DomainDraft, ProductDraft } from "./DomainDraft.js";
import { printedType } from "./printDomain.js";
import { directiveOf as directive, stringArg } from "./sdlDirectives.js";

/** A product as an existing SDL file declares it: its table, its columns' fields and its key. */
interface DeclaredProduct {
  typeName: string;
  table: string;
  /** Field type as written, by column. */
  columns: Map<string, string>;
  key: string[];
}

/**
 * What changed in the database since a domain's SDL was written: new and removed tables,
 * new and removed columns, changed column types and keys. `fresh` is the domain init would
 * write now (only the tables asked for); `model` has every table, to tell removed from not asked for.
 */
export function describeChanges(sdl: string, fresh: DomainDraft, model: DatabaseModel): string[] {
  const declared = declaredProducts(sdl);
  const byTable = new Map(declared.map((p) => [p.table, p]));
  const inDatabase = new Map(model.tables.map((t) => [t.name, t]));
  const changes: string[] = [];
  for (const product of fresh.products) {
    const before = byTable.get(product.table.name);
    if (!before) changes.push(`new ${product.table.kind} "${product.table.name}"`);
    else changes.push(...columnChanges(before, product, inDatabase.get(product.table.name)!.columns.map((c) => c.name)));
  }
  for (const before of declared) {
    if (!inDatabase.has(before.table)) changes.push(`removed table "${before.table}" (${before.typeName})`);
  }
  return changes;
}

function columnChanges(before: DeclaredProduct, product: ProductDraft, columnsNow: string[]): string[] {
  const changes: string[] = [];
  const at = before.typeName;
  const served = product.columns.filter((c): c is ColumnDraft => c.kind === "column");
  for (const field of served) {
    const declaredType = before.columns.get(field.column.name);
    if (declaredType === undefined) changes.push(`${at}: new column "${field.column.name}" (${printedType(field)})`);
    else if (declaredType !== printedType(field)) changes.push(`${at}: column "${field.column.name}" is now ${printedType(field)}, not ${declaredType}`);
  }
  for (const column of before.columns.keys()) {
    if (!columnsNow.includes(column)) changes.push(`${at}: removed column "${column}"`);
  }
  const keyNow = product.key?.map((f) => f.column.name) ?? [];
  if (keyNow.join("\0") !== before.key.join("\0")) changes.push(`${at}: key ${keyText(before.key)} → ${keyText(keyNow)}`);
  return changes;
}

const keyText = (columns: string[]) => (columns.length ? `(${columns.join(", ")})` : "none");

/** The @product types of an SDL file, read with graphql's parser alone. */
function declaredProducts(sdl: string): DeclaredProduct[] {
  const products: DeclaredProduct[] = [];
  for (const def of parse(sdl, { noLocation: true }).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const product = directive(def, "product");
    if (!product) continue;
    const columnOf = new Map<string, string>();
    const columns = new Map<string, string>();
    for (const field of def.fields ?? []) {
      if (directive(field, "relation") || directive(field, "reference")) continue;
      const column = stringArg(directive(field, "column"), "name") ?? snakeCase(field.name.value);
      columnOf.set(field.name.value, column);
      columns.set(column, print(field.type));
    }
    const keyFields = (stringArg(directive(def, "key"), "fields") ?? "").split(/\s+/).filter(Boolean);
    products.push({
      typeName: def.name.value,
      table: stringArg(product, "table") ?? snakeCase(def.name.value),
      columns,
      key: keyFields.map((f) => columnOf.get(f) ?? f),
    });
  }
  return products;
}
