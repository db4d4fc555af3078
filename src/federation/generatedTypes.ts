import { comparisonOf, graphqlTypeOf, isDated, isExact, isNumeric, isRanged, isSortable } from "../metadata/fieldTraits.js";
import { columnFields, namedTypeOf, SCALAR_TYPES, type ColumnField, type EnumType, type Product } from "../metadata/model.js";
import { SHARED_SCALARS } from "../metadata/directives.js";

// The generated API of one product (DESIGN.md §4) as SDL text.

const block = (keyword: string, name: string, lines: string[]) =>
  lines.length ? `${keyword} ${name} {\n${lines.map((l) => `  ${l}`).join("\n")}\n}\n` : "";

const SCALAR_DESCRIPTIONS: Record<(typeof SHARED_SCALARS)[number], string> = {
  BigInt: "A 64-bit integer, exact: sent as a string, accepted as a string or an integer.",
  Decimal: "An exact decimal number, sent as a string such as \"12.5\", accepted as a string or a number.",
  Date: "A calendar date, YYYY-MM-DD.",
  DateTime: "An ISO 8601 date and time, in UTC.",
  UUID: "A UUID, in its 8-4-4-4-12 hexadecimal text.",
  JSON: "Any JSON value.",
};

// Which operators each scalar's comparison takes: equality for all, order where it is the same
// on every store, patterns for strings.
const RANGED_SCALARS = new Set(["Int", "Float", "String", "BigInt", "Decimal", "Date", "DateTime"]);

function comparison(type: string, { ranged, like }: { ranged: boolean; like: boolean }): string {
  const ops = ["_eq", "_neq", ...(ranged ? ["_gt", "_gte", "_lt", "_lte"] : [])].map((op) => `${op}: ${type}`);
  const lists = type === "Boolean" ? [] : [`_in: [${type}!]`, `_nin: [${type}!]`];
  const patterns = like ? ["_like: String", "_ilike: String"] : [];
  return block("input", `${type}Comparison`, [...ops, ...lists, ...patterns, "_isNull: Boolean"]);
}

/** `_contains` (holds every given value), `_containedIn` (holds only given values), `_isNull`. */
const listComparison = (type: string) =>
  block("input", `${type}ListComparison`, [`_contains: [${type}!]`, `_containedIn: [${type}!]`, "_isNull: Boolean"]);

/** Types shared by every product: the scalars, comparisons per scalar (and lists of it) and the order direction. */
export function sharedTypes(): string {
  const scalars = SCALAR_TYPES.filter((t) => t !== "JSON");
  return [
    ...SHARED_SCALARS.map((s) => `"""${SCALAR_DESCRIPTIONS[s]}"""\nscalar ${s}\n`),
    `enum OrderDirection { ASC DESC ASC_NULLS_FIRST ASC_NULLS_LAST DESC_NULLS_FIRST DESC_NULLS_LAST }\n`,
    `"""How a row differs between two instants of a product's history."""\nenum ChangeKind { INSERTED UPDATED DELETED }\n`,
    `"""A calendar unit to group dates by, each group keyed by the unit's first day (weeks start on Monday)."""\nenum TimeBucket { day week month quarter year }\n`,
    ...scalars.map((t) => comparison(t, { ranged: RANGED_SCALARS.has(t), like: t === "String" })),
    block("input", "JSONComparison", ["\"\"\"The value contains this JSON: objects by key, arrays by element.\"\"\"\n  _contains: JSON", "_isNull: Boolean"]),
    ...scalars.map(listComparison),
  ].join("\n");
}

/** The comparisons of a domain's enum: equality, membership, and on lists of it containment. */
export const enumTypes = (e: EnumType): string => [comparison(e.name, { ranged: false, like: false }), listComparison(e.name)].join("\n");

/** Whether the product has anything to order or group by (a product of JSON columns alone has not). */
const sortableFields = (p: Product) => columnFields(p).filter(isSortable);
const hasOrderBy = (p: Product) => sortableFields(p).length > 0 || [...p.fields.values()].some((f) => f.kind === "relation" && !f.list);

/** The list arguments every list of a product takes, at the root and on relations. */
export const listArgs = (p: Product) =>
  `(where: ${p.name}Where${hasOrderBy(p) ? `, orderBy: [${p.name}OrderBy!]` : ""}, limit: Int, offset: Int)`;

/** Sums and averages of exact numbers are exact decimals; of the others, floats. */
const numericAggregateType = (f: ColumnField) => (isExact(f.type) ? "Decimal" : "Float");

/** `nullableCount`: a policy may suppress aggregates over too few rows, count included. */
export function productTypes(p: Product, { nullableCount = false } = {}): string {
  const n = p.name;
  const columns = columnFields(p);
  const numeric = columns.filter(isNumeric);
  const ranged = columns.filter(isRanged);
  const sortable = sortableFields(p);
  const relations = [...p.fields.values()].filter((f) => f.kind === "relation");
  const numericAggregates = numeric.length ? [`sum: ${n}NumericAggregate`, `avg: ${n}NumericAggregate`] : [];
  const minMax = ranged.length ? [`min: ${n}MinMaxAggregate`, `max: ${n}MinMaxAggregate`] : [];
  const aggregateFields = [...numericAggregates, ...minMax];
  const numericWhere = numeric.length ? [`sum: ${n}NumericAggregateWhere`, `avg: ${n}NumericAggregateWhere`] : [];
  const minMaxWhere = ranged.length ? [`min: ${n}MinMaxAggregateWhere`, `max: ${n}MinMaxAggregateWhere`] : [];
  const numericOrder = numeric.length ? [`sum: ${n}NumericOrderBy`, `avg: ${n}NumericOrderBy`] : [];
  const minMaxOrder = ranged.length ? [`min: ${n}MinMaxOrderBy`, `max: ${n}MinMaxOrderBy`] : [];
  return [
    block("input", `${n}Where`, [
      `_and: [${n}Where!]`,
      `_or: [${n}Where!]`,
      `_not: ${n}Where`,
      ...columns.map((f) => `${f.name}: ${comparisonOf(f)}`),
      ...relations.map((f) => `${f.name}: ${f.target}Where`),
    ]),
    block("input", `${n}OrderBy`, [
      ...sortable.map((f) => `${f.name}: OrderDirection`),
      ...relations.filter((f) => !f.list).map((f) => `${f.name}: ${f.target}OrderBy`),
    ]),
    block("enum", `${n}Field`, sortable.map((f) => f.name)),
    block("type", `${n}Aggregate`, [nullableCount ? "count: Int" : "count: Int!", ...aggregateFields]),
    block("type", `${n}NumericAggregate`, numeric.map((f) => `${f.name}: ${numericAggregateType(f)}`)),
    block("type", `${n}MinMaxAggregate`, ranged.map((f) => `${f.name}: ${namedTypeOf(f)}`)),
    sortable.length ? block("type", `${n}Group`, [`key: ${n}GroupKey!`, "count: Int!", ...aggregateFields]) : "",
    block("type", `${n}GroupKey`, sortable.map((f) => `${f.name}: ${graphqlTypeOf(f)}`)),
    block("input", `${n}AggregateWhere`, [
      `_and: [${n}AggregateWhere!]`,
      `_or: [${n}AggregateWhere!]`,
      `_not: ${n}AggregateWhere`,
      "count: IntComparison",
      ...numericWhere,
      ...minMaxWhere,
    ]),
    block("input", `${n}NumericAggregateWhere`, numeric.map((f) => `${f.name}: ${numericAggregateType(f)}Comparison`)),
    block("input", `${n}MinMaxAggregateWhere`, ranged.map((f) => `${f.name}: ${comparisonOf(f)}`)),
    !sortable.length ? "" : block("input", `${n}GroupOrderBy`, [
      "count: OrderDirection",
      `key: ${n}GroupKeyOrderBy`,
      ...numericOrder,
      ...minMaxOrder,
    ]),
    block("input", `${n}GroupKeyOrderBy`, sortable.map((f) => `${f.name}: OrderDirection`)),
    block("input", `${n}Buckets`, columns.filter(isDated).map((f) => `${f.name}: TimeBucket`)),
    p.snapshots
      ? block("type", `${n}Change`, [
          "kind: ChangeKind!",
          '"""The fields whose values differ (UPDATED), as the caller sees them."""\n  changedFields: [String!]!',
          `"""The row at \`until\`; a DELETED row as it was at \`since\`."""\n  row: ${n}!`,
        ])
      : "",
    block("input", `${n}NumericOrderBy`, numeric.map((f) => `${f.name}: OrderDirection`)),
    block("input", `${n}MinMaxOrderBy`, ranged.map((f) => `${f.name}: OrderDirection`)),
  ].join("\n");
}

/**
 * The root fields of a product: list, by key (when it has a key), aggregate and group-by; with
 * snapshots, each takes `asOf`, and `<plural>Changes` lists what changed between two instants.
 */
export function productRootFields(p: Product): string[] {
  const n = p.name;
  const asOf = p.snapshots ? ", asOf: DateTime" : "";
  const keyArgs = p.keyFields.map((f) => `${f.name}: ${namedTypeOf(f)}!`).join(", ");
  const doc = (text: string) => `"""${text}"""`;
  return [
    doc(`${n} rows, filtered, ordered and paged (default ${p.limits.defaultLimit}, at most ${p.limits.maxLimit})${p.snapshots ? "; asOf: as they stood at a past instant" : ""}.`),
    `${p.plural}${listArgs(p).replace(/\)$/, `${asOf})`)}: [${n}!]!`,
    ...(p.keyFields.length ? [doc(`One ${n} by its key.`), `${p.singular}(${keyArgs}${asOf}): ${n}`] : []),
    doc(`Count, sum, average, minimum and maximum over ${n} rows.`),
    `${p.plural}Aggregate(where: ${n}Where${asOf}): ${n}Aggregate!`,
    ...(p.snapshots
      ? [
          doc(`The ${n} rows inserted, updated and deleted between two instants of its history (until: the latest snapshot), in key order.`),
          `${p.plural}Changes(since: DateTime!, until: DateTime, limit: Int, offset: Int): [${n}Change!]!`,
        ]
      : []),
    ...(sortableFields(p).length
      ? [
          doc(`${n} rows grouped by fields (dates by \`buckets\` when given), with aggregates per group.`),
          `${p.plural}GroupBy(by: [${n}Field!]!, ${columnFields(p).some(isDated) ? `buckets: ${n}Buckets, ` : ""}where: ${n}Where, having: ${n}AggregateWhere, orderBy: [${n}GroupOrderBy!], limit: Int, offset: Int${asOf}): [${n}Group!]!`,
        ]
      : []),
  ];
}
