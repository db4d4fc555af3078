import { columnFields, type ColumnField, type Product, type ScalarType } from "../metadata/model.js";

// The generated API of one product (DESIGN.md §4) as SDL text.

const isNumeric = (f: ColumnField) => f.type === "Int" || f.type === "Float";
const isOrdered = (f: ColumnField) => f.type !== "Boolean";

const block = (keyword: string, name: string, lines: string[]) =>
  lines.length ? `${keyword} ${name} {\n${lines.map((l) => `  ${l}`).join("\n")}\n}\n` : "";

/** Types shared by every product: comparisons per scalar and the order direction. */
export function sharedTypes(): string {
  const comparison = (type: ScalarType) => {
    const ops = ["_eq", "_neq", ...(type === "Boolean" ? [] : ["_gt", "_gte", "_lt", "_lte"])].map((op) => `${op}: ${type}`);
    const lists = type === "Boolean" ? [] : [`_in: [${type}!]`, `_nin: [${type}!]`];
    const like = type === "String" ? ["_like: String", "_ilike: String"] : [];
    return block("input", `${type}Comparison`, [...ops, ...lists, ...like, "_isNull: Boolean"]);
  };
  return [
    `"""An ISO 8601 date and time, in UTC."""\nscalar DateTime\n`,
    `enum OrderDirection { ASC DESC ASC_NULLS_FIRST ASC_NULLS_LAST DESC_NULLS_FIRST DESC_NULLS_LAST }\n`,
    ...(["Int", "Float", "String", "Boolean", "DateTime"] as const).map(comparison),
  ].join("\n");
}

/** The list arguments every list of a product takes, at the root and on relations. */
export const listArgs = (p: Product) =>
  `(where: ${p.name}Where, orderBy: [${p.name}OrderBy!], limit: Int, offset: Int)`;

/** `nullableCount`: a policy may suppress aggregates over too few rows, count included. */
export function productTypes(p: Product, { nullableCount = false } = {}): string {
  const n = p.name;
  const columns = columnFields(p);
  const numeric = columns.filter(isNumeric);
  const ordered = columns.filter(isOrdered);
  const relations = [...p.fields.values()].filter((f) => f.kind === "relation");
  const numericAggregates = numeric.length ? [`sum: ${n}NumericAggregate`, `avg: ${n}NumericAggregate`] : [];
  const aggregateFields = [...numericAggregates, `min: ${n}MinMaxAggregate`, `max: ${n}MinMaxAggregate`];
  const numericWhere = numeric.length ? [`sum: ${n}NumericAggregateWhere`, `avg: ${n}NumericAggregateWhere`] : [];
  const numericOrder = numeric.length ? [`sum: ${n}NumericOrderBy`, `avg: ${n}NumericOrderBy`] : [];
  return [
    block("input", `${n}Where`, [
      `_and: [${n}Where!]`,
      `_or: [${n}Where!]`,
      `_not: ${n}Where`,
      ...columns.map((f) => `${f.name}: ${f.type}Comparison`),
      ...relations.map((f) => `${f.name}: ${f.target}Where`),
    ]),
    block("input", `${n}OrderBy`, [
      ...columns.map((f) => `${f.name}: OrderDirection`),
      ...relations.filter((f) => !f.list).map((f) => `${f.name}: ${f.target}OrderBy`),
    ]),
    block("enum", `${n}Field`, columns.map((f) => f.name)),
    block("type", `${n}Aggregate`, [nullableCount ? "count: Int" : "count: Int!", ...aggregateFields]),
    block("type", `${n}NumericAggregate`, numeric.map((f) => `${f.name}: Float`)),
    block("type", `${n}MinMaxAggregate`, ordered.map((f) => `${f.name}: ${f.type}`)),
    block("type", `${n}Group`, [`key: ${n}GroupKey!`, "count: Int!", ...aggregateFields]),
    block("type", `${n}GroupKey`, columns.map((f) => `${f.name}: ${f.type}`)),
    block("input", `${n}AggregateWhere`, [
      `_and: [${n}AggregateWhere!]`,
      `_or: [${n}AggregateWhere!]`,
      `_not: ${n}AggregateWhere`,
      "count: IntComparison",
      ...numericWhere,
      `min: ${n}MinMaxAggregateWhere`,
      `max: ${n}MinMaxAggregateWhere`,
    ]),
    block("input", `${n}NumericAggregateWhere`, numeric.map((f) => `${f.name}: FloatComparison`)),
    block("input", `${n}MinMaxAggregateWhere`, ordered.map((f) => `${f.name}: ${f.type}Comparison`)),
    block("input", `${n}GroupOrderBy`, [
      "count: OrderDirection",
      `key: ${n}GroupKeyOrderBy`,
      ...numericOrder,
      `min: ${n}MinMaxOrderBy`,
      `max: ${n}MinMaxOrderBy`,
    ]),
    block("input", `${n}GroupKeyOrderBy`, columns.map((f) => `${f.name}: OrderDirection`)),
    block("input", `${n}NumericOrderBy`, numeric.map((f) => `${f.name}: OrderDirection`)),
    block("input", `${n}MinMaxOrderBy`, ordered.map((f) => `${f.name}: OrderDirection`)),
  ].join("\n");
}

/** The four root fields of a product. */
export function productRootFields(p: Product): string[] {
  const n = p.name;
  const keyArgs = p.keyFields.map((f) => `${f.name}: ${f.type}!`).join(", ");
  const doc = (text: string) => `"""${text}"""`;
  return [
    doc(`${n} rows, filtered, ordered and paged (default ${p.limits.defaultLimit}, at most ${p.limits.maxLimit}).`),
    `${p.plural}${listArgs(p)}: [${n}!]!`,
    doc(`One ${n} by its key.`),
    `${p.singular}(${keyArgs}): ${n}`,
    doc(`Count, sum, average, minimum and maximum over ${n} rows.`),
    `${p.plural}Aggregate(where: ${n}Where): ${n}Aggregate!`,
    doc(`${n} rows grouped by fields, with aggregates per group.`),
    `${p.plural}GroupBy(by: [${n}Field!]!, where: ${n}Where, having: ${n}AggregateWhere, orderBy: [${n}GroupOrderBy!], limit: Int, offset: Int): [${n}Group!]!`,
  ];
}
