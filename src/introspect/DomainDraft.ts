import type { ColumnModel, TableModel } from "./DatabaseModel.js";
import type { GraphQLScalar } from "./graphqlTypeOf.js";

// A starter domain before it is printed: every name chosen, every relation resolved. draftDomain
// builds it from a DatabaseModel; printDomain writes it as SDL.

export interface DomainDraft {
  name: string;
  description: string;
  products: ProductDraft[];
  enums: EnumDraft[];
  /** Tables left out entirely, and why. */
  leftOut: { table: string; reason: string }[];
}

export interface ProductDraft {
  table: TableModel;
  typeName: string;
  /** Set only when meshql's default (the English plural) cannot be used. */
  plural?: string;
  /** The @key fields, in key order; undefined for a keyless product. */
  key?: ColumnDraft[];
  /** Columns (served or left out), in the table's order. */
  columns: (ColumnDraft | LeftOutColumn)[];
  relations: RelationDraft[];
}

export interface ColumnDraft {
  kind: "column";
  name: string;
  column: ColumnModel;
  type: GraphQLScalar | EnumDraft;
  list: boolean;
  nullable: boolean;
  /** Said in a comment above the field. */
  note?: string;
}

export interface LeftOutColumn {
  kind: "leftOut";
  column: ColumnModel;
  reason: string;
}

export interface RelationDraft {
  name: string;
  target: ProductDraft;
  list: boolean;
  nullable: boolean;
  /** Object: this table's columns; list: the target's columns; many-to-many: the link table's columns pointing at this key. */
  column: string[];
  /** The other side's columns when they are not its key. */
  references?: string[];
  through?: string;
  /** Many-to-many: the link table's columns pointing at the target's key. */
  targetColumn?: string[];
}

export interface EnumDraft {
  name: string;
  values: { name: string; value: string }[];
}
