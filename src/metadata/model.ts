import type { DocumentNode } from "graphql";

// The resolved product model: what a domain's SDL and its store say, checked once at start-up.
// Every later stage reads this; only the subgraph SDL is derived from the kept author document.

export type ScalarType = "Int" | "Float" | "String" | "Boolean" | "DateTime";

export const SCALAR_TYPES: readonly ScalarType[] = ["Int", "Float", "String", "Boolean", "DateTime"];

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
  loc: SourceLoc;
}

export interface ColumnField extends FieldBase {
  kind: "column";
  type: ScalarType;
  column: string;
}

/** How a relation finds its target rows from a source row. */
export interface Join {
  /** Column of the source scope whose value is matched. */
  sourceColumn: string;
  /** Column of the target table that must equal it (or, with `through`, the target key). */
  targetColumn: string;
  /** Many-to-many: a link table between source and target. */
  through?: { table: string; sourceColumn: string; targetColumn: string };
}

export interface RelationField extends FieldBase {
  kind: "relation";
  target: string;
  /** Set once every type of the domain is read. */
  targetProduct: Product;
  list: boolean;
  join: Join;
}

/** A field whose value is an entity of another domain, given by a column holding its key. */
export interface ReferenceField extends FieldBase {
  kind: "reference";
  target: string;
  /** The entity stub this domain declares for the other domain's type. */
  targetProduct: Product;
  column: string;
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
  keyFields: ColumnField[];
  fields: Map<string, Field>;
  lineage: string[];
  /** The DateTime field whose newest value says how fresh the product is (`@product(freshness:)`). */
  freshness?: ColumnField;
  tags: string[];
  limits: ProductLimits;
  /** Whether other subgraphs may resolve this entity here (`@key(resolvable:)`). */
  resolvable: boolean;
  loc: SourceLoc;
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
}

export const isProduct = (p: Product): p is Product & { table: string } => p.table !== undefined;

export function columnFields(p: Product): ColumnField[] {
  return [...p.fields.values()].filter((f): f is ColumnField => f.kind === "column");
}

const byColumn = new WeakMap<Product, Map<string, ColumnField>>();

/** The field a column backs (one column, one field: parseDomain refuses more), indexed once per product. */
export function fieldOfColumn(product: Product, column: string): ColumnField | undefined {
  let index = byColumn.get(product);
  if (!index) byColumn.set(product, (index = new Map(columnFields(product).map((f) => [f.column, f]))));
  return index.get(column);
}
