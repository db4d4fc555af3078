import { namedTypeOf, type ColumnField, type ScalarType } from "./model.js";

// What each kind of column field takes part in: the generated API and the compiler ask here.

const NUMERIC: ScalarType[] = ["Int", "Float", "BigInt", "Decimal"];
const RANGED: ScalarType[] = ["Int", "Float", "BigInt", "Decimal", "String", "Date", "DateTime"];

/** Summed and averaged. */
export const isNumeric = (f: ColumnField) => !f.list && NUMERIC.includes(f.type);

/** Exact numbers, which travel as strings and are summed exactly. */
export const isExact = (type: ScalarType) => type === "BigInt" || type === "Decimal";

/** Compared with `_gt`…`_lte` and given a minimum and maximum. */
export const isRanged = (f: ColumnField) => !f.list && RANGED.includes(f.type);

/** Usable in `orderBy` and `groupBy`: a single value with an order and an equality. */
export const isSortable = (f: ColumnField) => !f.list && f.type !== "JSON";

/** A single date or date-time: grouped by calendar buckets. */
export const isDated = (f: ColumnField) => !f.list && (f.type === "Date" || f.type === "DateTime");

/** The comparison input a `where` takes for the field. */
export const comparisonOf = (f: ColumnField) => (f.list ? `${namedTypeOf(f)}ListComparison` : `${namedTypeOf(f)}Comparison`);

/** The field's GraphQL type as declared, without nullability: `Mood`, `[String]`. */
export const graphqlTypeOf = (f: ColumnField) => (f.list ? `[${namedTypeOf(f)}]` : namedTypeOf(f));
