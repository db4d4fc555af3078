import { lowerFirst, pluralOf } from "../metadata/naming.js";
import type { ForeignKeyModel } from "./DatabaseModel.js";
import type { ColumnDraft, ProductDraft } from "./DomainDraft.js";
import { camelCase, pascalCase, words } from "./nameCase.js";
import { firstFree } from "./reservedNames.js";

/** A foreign key between two products, its column pairs in the target key's order where it points at the key. */
interface Link {
  source: ProductDraft;
  target: ProductDraft;
  key: ForeignKeyModel;
  columns: string[];
  targetColumns: string[];
  /** Whether targetColumns are the target's @key columns. */
  toKey: boolean;
}

/**
 * Relations from foreign keys, in three passes so names are predictable: object relations on
 * the referencing products, then list relations on the referenced ones, then many-to-many
 * through pure link tables. Each name is claimed in its product's `fields`.
 */
export function draftRelations(products: ProductDraft[], fieldsOf: Map<ProductDraft, Set<string>>): void {
  const links = products.flatMap((p) => linksOf(p, products));
  const claim = (product: ProductDraft, names: string[]) => names.forEach((n) => fieldsOf.get(product)!.add(n));
  const free = (product: ProductDraft, ...names: string[]) => names.every((n) => !fieldsOf.get(product)!.has(n));
  const byColumns = (columns: string[]) => columns.map((c) => pascalCase(words(c))).join("And");

  for (const link of links) {
    const { source, target, columns } = link;
    const plain = columns.length === 1 ? withoutIdSuffix(columns[0]) : undefined;
    const by = `${lowerFirst(target.typeName)}By${byColumns(columns)}`;
    const name = plain && free(source, plain) ? plain : firstFree(by, (c) => free(source, c));
    claim(source, [name]);
    const nullable = columns.some((c) => columnOf(source, c).nullable);
    source.relations.push({ name, target, list: false, nullable, column: columns, references: link.toKey ? undefined : link.targetColumns });
  }

  for (const link of links) {
    const { source, target } = link;
    const plural = source.plural ?? pluralOf(source.typeName);
    const shared = source === target || links.filter((l) => l.source === source && l.target === target).length > 1;
    const by = `${plural}By${byColumns(link.columns)}`;
    const name = !shared && free(target, plural, `${plural}Aggregate`) ? plural : firstFree(by, (c) => free(target, c, `${c}Aggregate`));
    claim(target, [name, `${name}Aggregate`]);
    target.relations.push({ name, target: source, list: true, nullable: false, column: link.columns, references: link.toKey ? undefined : link.targetColumns });
  }

  for (const table of products) {
    const pair = linkTablePair(table, links);
    if (!pair) continue;
    for (const [from, to] of [pair, [pair[1], pair[0]]]) {
      const plural = to.target.plural ?? pluralOf(to.target.typeName);
      const owner = from.target;
      const available = (c: string) => free(owner, c, `${c}Aggregate`);
      const name = available(plural) ? plural : firstFree(`${plural}By${table.typeName}`, available);
      claim(owner, [name, `${name}Aggregate`]);
      owner.relations.push({
        name,
        target: to.target,
        list: true,
        nullable: false,
        column: from.columns,
        through: table.table.name,
        targetColumn: to.columns,
      });
    }
  }
}

/** The product's foreign keys to products of the domain whose columns are all served, in column order. */
function linksOf(source: ProductDraft, products: ProductDraft[]): Link[] {
  const position = (column: string) => source.table.columns.findIndex((c) => c.name === column);
  const keys = [...source.table.foreignKeys].sort((a, b) => position(a.columns[0]) - position(b.columns[0]) || (a.name < b.name ? -1 : 1));
  const links: Link[] = [];
  for (const key of keys) {
    const target = products.find((p) => p.table.schema === key.targetSchema && p.table.name === key.targetTable);
    if (!target || !key.columns.every((c) => servedIn(source, c)) || !key.targetColumns.every((c) => servedIn(target, c))) continue;
    links.push({ source, target, key, ...alignedToKey(key, target.key) });
  }
  return links;
}

/** Column pairs reordered to the target key's order when the key is what they reference. */
function alignedToKey(key: ForeignKeyModel, targetKey: ColumnDraft[] | undefined) {
  const keyColumns = targetKey?.map((f) => f.column.name) ?? [];
  const toKey = keyColumns.length === key.targetColumns.length && keyColumns.every((c) => key.targetColumns.includes(c));
  if (!toKey) return { columns: key.columns, targetColumns: key.targetColumns, toKey };
  return { columns: keyColumns.map((c) => key.columns[key.targetColumns.indexOf(c)]), targetColumns: keyColumns, toKey };
}

/**
 * A pure link table's two foreign keys: a table whose columns are exactly those of two foreign
 * keys to the keys of products, and whose primary key, if any, is all of them.
 */
function linkTablePair(table: ProductDraft, links: Link[]): [Link, Link] | undefined {
  const { columns, primaryKey, foreignKeys, kind } = table.table;
  const own = links.filter((l) => l.source === table);
  if (kind !== "table" || foreignKeys.length !== 2 || own.length !== 2 || !own.every((l) => l.toKey)) return undefined;
  const linked = own.flatMap((l) => l.columns);
  const all = columns.map((c) => c.name);
  if (new Set(linked).size !== all.length || !all.every((c) => linked.includes(c))) return undefined;
  if (primaryKey.length > 0 && (primaryKey.length !== all.length || !all.every((c) => primaryKey.includes(c)))) return undefined;
  return [own[0], own[1]];
}

/** `album_id`, `AlbumId`, `albumID` → `album`; undefined when there is no such suffix to drop. */
function withoutIdSuffix(column: string): string | undefined {
  const parts = words(column);
  if (parts.length < 2 || parts[parts.length - 1].toLowerCase() !== "id") return undefined;
  const name = camelCase(parts.slice(0, -1));
  return /^[0-9]/.test(name) ? undefined : name;
}

const servedIn = (product: ProductDraft, column: string) => product.columns.some((c) => c.kind === "column" && c.column.name === column);

const columnOf = (product: ProductDraft, column: string) =>
  product.columns.find((c): c is ColumnDraft => c.kind === "column" && c.column.name === column)!;
