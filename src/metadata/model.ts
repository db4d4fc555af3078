import type { DocumentNode } from "graphql";

// The resolved product model: what a domain's SDL and its store say, checked once at start-up.
// Every later stage reads this; only the subgraph SDL is derived from the kept author document.

/** The scalars a column can give; an enum's values travel as their stored text ("Enum"). */
export type ScalarType = "Int" | "Float" | "String" | "Boolean" | "ID" | "BigInt" | "Decimal" | "Date" | "DateTime" | "UUID" | "JSON" | "Enum";

/** The scalar types a field may name in SDL (enums are declared by the domain). */
export const SCALAR_TYPES: readonly Exclude<ScalarType, "Enum">[] = ["Int", "Float", "String", "Boolean", "ID", "BigInt", "Decimal", "Date", "DateTime", "UUID", "JSON"];

/** A GraphQL enum of a domain: each value's name and the text the store holds for it. */
export interface EnumType {
  name: string;
  values: { name: string; stored: string }[];
  loc: SourceLoc;
}

/** Where a definition stands in its source file, for error messages. */
export interface SourceLoc {
  file: string;
  line: number;
  column: number;
}

interface FieldBase {
  name: string;
  description?: string;
  nullable: boolean;
  tags: string[];
  /** Federation's `@inaccessible`: served to other subgraphs, never part of the API or of anything generated from it. */
  inaccessible: boolean;
  /** `@deprecated(reason:)`: the reason, which every entry generated from the field carries too. */
  deprecated?: string;
  loc: SourceLoc;
}

export interface ColumnField extends FieldBase {
  kind: "column";
  type: ScalarType;
  /** The enum, when `type` is "Enum". */
  enum?: EnumType;
  /** A list of scalars: a PostgreSQL array, or a JSON array on the other stores. */
  list: boolean;
  column: string;
  /** What the store's column holds, as checked at start-up (checkStore): absent until then. */
  stored?: StoredColumn;
  /**
   * Federation's `@external`, on an entity stub only: another subgraph owns the field and sends
   * its value in representations (for a `@requires`); never read from a table of this domain.
   */
  external?: boolean;
}

/**
 * A column as its store has it: the type `meshql init` would declare it with, and whether it may
 * hold NULL. The compiler writes some values straight into the response where these say it may.
 */
export interface StoredColumn {
  type: ScalarType;
  nullable: boolean;
}

/** The GraphQL type a column field is declared with, without its nullability (`Mood`, `[String]`). */
export const namedTypeOf = (f: ColumnField): string => (f.type === "Enum" ? f.enum!.name : f.type);

/** How a relation finds its target rows from a source row; columns pair up in order. */
export interface Join {
  /** Columns of the source scope whose values are matched. */
  sourceColumns: string[];
  /** Columns of the target table that must equal them (or, with `through`, the target key). */
  targetColumns: string[];
  /** Many-to-many: a link table whose `sourceColumns` hold the source values and `targetColumns` the target's. */
  through?: { table: string; sourceColumns: string[]; targetColumns: string[] };
  /**
   * Set by checkStore where a foreign key the store enforces (ForeignKeyModel.enforced) pairs the
   * same columns: every source row whose columns are all non-null has its target row.
   */
  enforced?: boolean;
}

export interface RelationField extends FieldBase {
  kind: "relation";
  target: string;
  /** Set once every type of the domain is read. */
  targetProduct: Product;
  list: boolean;
  join: Join;
  /**
   * On an entity stub: the `@external` fields this relation `@requires`, whose values the
   * gateway's representations carry and its join may use beside the key's.
   */
  requires?: string[];
}

/** A field whose value is an entity of another domain, given by columns holding its key. */
export interface ReferenceField extends FieldBase {
  kind: "reference";
  target: string;
  /** The entity stub this domain declares for the other domain's type. */
  targetProduct: Product;
  /** The columns holding the entity's key fields, in the key's order. */
  columns: string[];
}

export type Field = ColumnField | RelationField | ReferenceField;

export interface ProductLimits {
  defaultLimit: number;
  maxLimit: number;
}

/** A `@product` type backed by a table, or an entity stub of another domain (table undefined). */
export interface Product {
  name: string;
  domain: string;
  description?: string;
  table?: string;
  /** Root field names. */
  plural: string;
  singular: string;
  /**
   * The first `@key` of the type's own scalar fields, which relations, lookups and orders use; empty for a
   * keyless product (a view without a key), which is no entity unless it has an object key (`study { caseNumber }`).
   */
  keyFields: ColumnField[];
  /** Every `@key`, in declaration order: `_entities` resolves a representation by the first resolvable one it carries. */
  keys: EntityKey[];
  fields: Map<string, Field>;
  lineage: string[];
  /** The DateTime field whose newest value says how fresh the product is (`@product(freshness:)`). */
  freshness?: ColumnField;
  /** How often the product promises to change, in ms (`@product(expectEvery:)`): older is stale. */
  expectEvery?: number;
  /** Recorded as history every so many ms (`@product(snapshots:)`), readable `asOf` a past instant. */
  snapshots?: Snapshots;
  tags: string[];
  /** Federation's `@inaccessible` on the type: no root fields or generated types, and kept out of the catalog. */
  inaccessible: boolean;
  limits: ProductLimits;
  /**
   * The product is moving here from another subgraph: every non-key field carries this `@override`, and
   * so do its generated root fields and the fields of its generated object types.
   */
  override?: { from: string; label?: string };
  /** Whether other subgraphs may resolve this entity here (`@key(resolvable:)`). */
  resolvable: boolean;
  loc: SourceLoc;
}

/** One `@key(fields:, resolvable:)` of a type. */
export interface EntityKey {
  /** The columns holding the key's values; for `variation { id }`, the one the relation joins on. */
  fields: ColumnField[];
  /** Where a representation carries each field's value: `["sku"]`, `["variation", "id"]`. */
  paths: string[][];
  resolvable: boolean;
}

/** Where a product's history lives and how often it is recorded. */
export interface Snapshots {
  /** Milliseconds between snapshots. */
  every: number;
  /** The history table, qualified with the history schema (see src/history/). */
  table: string;
}

export interface DomainInfo {
  name: string;
  owner?: string;
  description?: string;
}

export interface Domain {
  info: DomainInfo;
  file: string;
  /** The author's SDL, from which the subgraph SDL is derived. */
  document: DocumentNode;
  /** Products and entity stubs by type name. */
  types: Map<string, Product>;
  /** The enums the domain declares, by name. */
  enums: Map<string, EnumType>;
}

export const isProduct = (p: Product): p is Product & { table: string } => p.table !== undefined;

/** A product the API shows: an `@inaccessible` one is as absent from SQL access as from GraphQL. */
export const isApiProduct = (p: Product): p is Product & { table: string } => isProduct(p) && !p.inaccessible;

export function columnFields(p: Product): ColumnField[] {
  return [...p.fields.values()].filter((f): f is ColumnField => f.kind === "column");
}

/** The column fields the API shows (not `@inaccessible`): what every generated type is made of. */
export function apiColumnFields(p: Product): ColumnField[] {
  return columnFields(p).filter((f) => !f.inaccessible);
}

const byColumn = new WeakMap<Product, Map<string, ColumnField>>();

/** The field a column backs (one column, one field: parseDomain refuses more), indexed once per product. */
export function fieldOfColumn(product: Product, column: string): ColumnField | undefined {
  let index = byColumn.get(product);
  if (!index) byColumn.set(product, (index = new Map(columnFields(product).map((f) => [f.column, f]))));
  return index.get(column);
}
