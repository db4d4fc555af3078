import { comparisonOf, graphqlTypeOf, isDated, isExact, isNumeric, isRanged, isSortable } from "../metadata/fieldTraits.js";
import { apiColumnFields, namedTypeOf, SCALAR_TYPES, type ColumnField, type EnumType, type Field, type Product, type RelationField } from "../metadata/model.js";
import { SHARED_SCALARS } from "../metadata/directives.js";

// The generated API of one product (DESIGN.md §4) as SDL text. An `@inaccessible` field is in
// none of it, and every entry made from a field carries the field's `@tag`s (each generated type
// its product's), so a contract that leaves a tag out leaves out everything made from it.

const block = (keyword: string, name: string, lines: string[], directives = "") =>
  lines.length ? `${keyword} ${name}${directives} {\n${lines.map((l) => `  ${l}`).join("\n")}\n}\n` : "";

/** ` @tag(name: "…")` for each tag. */
export const tagDirectives = (tags: readonly string[]) => tags.map((t) => ` @tag(name: ${JSON.stringify(t)})`).join("");

/** ` @override(from:, label:)` when the product moves here from another subgraph. */
const overrideDirective = (p: Product) =>
  p.override ? ` @override(from: ${JSON.stringify(p.override.from)}${p.override.label !== undefined ? `, label: ${JSON.stringify(p.override.label)}` : ""})` : "";

/** An entry made from a field: the field's tags follow it, and its deprecation (every entry made from a field is nullable, as deprecated input fields must be). */
const from = (f: Field, line: string) => `${line}${tagDirectives(f.tags)}${f.deprecated !== undefined ? ` @deprecated(reason: ${JSON.stringify(f.deprecated)})` : ""}`;

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
const sortableFields = (p: Product) => apiColumnFields(p).filter(isSortable);

/** The relations the API shows. */
const apiRelations = (p: Product) => [...p.fields.values()].filter((f): f is RelationField => f.kind === "relation" && !f.inaccessible);
const hasOrderBy = (p: Product) => sortableFields(p).length > 0 || apiRelations(p).some((f) => !f.list);

/** Whether the product has a group-by root field. */
export const hasGroupBy = (p: Product) => sortableFields(p).length > 0;

/** Whether the product has a by-key root field: it has a key, and the API shows every key field. */
export const hasByKey = (p: Product) => p.keyFields.length > 0 && p.keyFields.every((f) => !f.inaccessible);

/** The list arguments every list of a product takes, at the root and on relations. */
export const listArgs = (p: Product) =>
  `(where: ${p.name}Where${hasOrderBy(p) ? `, orderBy: [${p.name}OrderBy!]` : ""}, limit: Int, offset: Int)`;

/** Sums and averages of exact numbers are exact decimals; of the others, floats. */
const numericAggregateType = (f: ColumnField) => (isExact(f.type) ? "Decimal" : "Float");

/**
 * The product's inputs, enums and aggregate types. An aggregate's count is nullable whatever the
 * policies: a minimum group size withholds aggregates over too few rows, count included.
 */
export function productTypes(p: Product, { shareable = true } = {}): string {
  const n = p.name;
  const tags = tagDirectives(p.tags);
  const typed = (keyword: string, name: string, lines: string[]) =>
    // Output types are values, not entities: shareable, so the subgraph a product moves from can
    // still answer them through the relations it keeps.
    block(keyword, name, keyword === "type" ? lines.map((l) => (shareable ? `${l} @shareable` : l)) : lines, tags);
  const columns = apiColumnFields(p);
  const numeric = columns.filter(isNumeric);
  const ranged = columns.filter(isRanged);
  const sortable = sortableFields(p);
  const relations = apiRelations(p);
  const numericAggregates = numeric.length ? [`sum: ${n}NumericAggregate`, `avg: ${n}NumericAggregate`] : [];
  const minMax = ranged.length ? [`min: ${n}MinMaxAggregate`, `max: ${n}MinMaxAggregate`] : [];
  const aggregateFields = [...numericAggregates, ...minMax];
  const numericWhere = numeric.length ? [`sum: ${n}NumericAggregateWhere`, `avg: ${n}NumericAggregateWhere`] : [];
  const minMaxWhere = ranged.length ? [`min: ${n}MinMaxAggregateWhere`, `max: ${n}MinMaxAggregateWhere`] : [];
  const numericOrder = numeric.length ? [`sum: ${n}NumericOrderBy`, `avg: ${n}NumericOrderBy`] : [];
  const minMaxOrder = ranged.length ? [`min: ${n}MinMaxOrderBy`, `max: ${n}MinMaxOrderBy`] : [];
  return [
    typed("input", `${n}Where`, [
      `_and: [${n}Where!]`,
      `_or: [${n}Where!]`,
      `_not: ${n}Where`,
      ...columns.map((f) => from(f, `${f.name}: ${comparisonOf(f)}`)),
      ...relations.map((f) => from(f, `${f.name}: ${f.target}Where`)),
    ]),
    typed("input", `${n}OrderBy`, [
      ...sortable.map((f) => from(f, `${f.name}: OrderDirection`)),
      ...relations.filter((f) => !f.list).map((f) => from(f, `${f.name}: ${f.target}OrderBy`)),
    ]),
    typed("enum", `${n}Field`, sortable.map((f) => from(f, f.name))),
    typed("type", `${n}Aggregate`, ["count: Int", ...aggregateFields]),
    typed("type", `${n}NumericAggregate`, numeric.map((f) => from(f, `${f.name}: ${numericAggregateType(f)}`))),
    typed("type", `${n}MinMaxAggregate`, ranged.map((f) => from(f, `${f.name}: ${namedTypeOf(f)}`))),
    sortable.length ? typed("type", `${n}Group`, [`key: ${n}GroupKey!`, "count: Int!", ...aggregateFields]) : "",
    typed("type", `${n}GroupKey`, sortable.map((f) => from(f, `${f.name}: ${graphqlTypeOf(f)}`))),
    typed("input", `${n}AggregateWhere`, [
      `_and: [${n}AggregateWhere!]`,
      `_or: [${n}AggregateWhere!]`,
      `_not: ${n}AggregateWhere`,
      "count: IntComparison",
      ...numericWhere,
      ...minMaxWhere,
    ]),
    typed("input", `${n}NumericAggregateWhere`, numeric.map((f) => from(f, `${f.name}: ${numericAggregateType(f)}Comparison`))),
    typed("input", `${n}MinMaxAggregateWhere`, ranged.map((f) => from(f, `${f.name}: ${comparisonOf(f)}`))),
    !sortable.length ? "" : typed("input", `${n}GroupOrderBy`, [
      "count: OrderDirection",
      `key: ${n}GroupKeyOrderBy`,
      ...numericOrder,
      ...minMaxOrder,
    ]),
    typed("input", `${n}GroupKeyOrderBy`, sortable.map((f) => from(f, `${f.name}: OrderDirection`))),
    typed("input", `${n}Buckets`, columns.filter(isDated).map((f) => from(f, `${f.name}: TimeBucket`))),
    p.snapshots
      ? typed("type", `${n}Change`, [
          "kind: ChangeKind!",
          '"""The fields whose values differ (UPDATED), as the caller sees them."""\n  changedFields: [String!]!',
          `"""The row at \`until\`; a DELETED row as it was at \`since\`."""\n  row: ${n}!`,
        ])
      : "",
    typed("input", `${n}NumericOrderBy`, numeric.map((f) => from(f, `${f.name}: OrderDirection`))),
    typed("input", `${n}MinMaxOrderBy`, ranged.map((f) => from(f, `${f.name}: OrderDirection`))),
  ].join("\n");
}

/**
 * The root fields of a product: list, by key (when it has a key), aggregate and group-by; with
 * snapshots, each takes `asOf`, and `<plural>Changes` lists what changed between two instants.
 * Each carries the product's tags (by key, the key fields' too).
 */
export function productRootFields(p: Product): string[] {
  const n = p.name;
  const tags = `${tagDirectives(p.tags)}${overrideDirective(p)}`;
  const asOf = p.snapshots ? ", asOf: DateTime" : "";
  const keyArgs = p.keyFields.map((f) => `${f.name}: ${namedTypeOf(f)}!`).join(", ");
  const keyTags = `${tagDirectives([...new Set([...p.tags, ...p.keyFields.flatMap((f) => f.tags)])])}${overrideDirective(p)}`;
  const doc = (text: string) => `"""${text}"""`;
  return [
    doc(`${n} rows, filtered, ordered and paged (default ${p.limits.defaultLimit}, at most ${p.limits.maxLimit})${p.snapshots ? "; asOf: as they stood at a past instant" : ""}.`),
    `${p.plural}${listArgs(p).replace(/\)$/, `${asOf})`)}: [${n}!]!${tags}`,
    ...(hasByKey(p) ? [doc(`One ${n} by its key.`), `${p.singular}(${keyArgs}${asOf}): ${n}${keyTags}`] : []),
    doc(`Count, sum, average, minimum and maximum over ${n} rows.`),
    `${p.plural}Aggregate(where: ${n}Where${asOf}): ${n}Aggregate!${tags}`,
    ...(p.snapshots
      ? [
          doc(`The ${n} rows inserted, updated and deleted between two instants of its history (until: the latest snapshot), in key order.`),
          `${p.plural}Changes(since: DateTime!, until: DateTime, limit: Int, offset: Int): [${n}Change!]!${tags}`,
        ]
      : []),
    ...(hasGroupBy(p)
      ? [
          doc(`${n} rows grouped by fields (dates by \`buckets\` when given), with aggregates per group.`),
          `${p.plural}GroupBy(by: [${n}Field!]!, ${apiColumnFields(p).some(isDated) ? `buckets: ${n}Buckets, ` : ""}where: ${n}Where, having: ${n}AggregateWhere, orderBy: [${n}GroupOrderBy!], limit: Int, offset: Int${asOf}): [${n}Group!]!${tags}`,
        ]
      : []),
  ];
}

/** What a product's generated type names append to the product's name (productTypes), longest first. */
export const GENERATED_TYPE_SUFFIXES = [
  "NumericAggregateWhere",
  "MinMaxAggregateWhere",
  "GroupKeyOrderBy",
  "NumericAggregate",
  "MinMaxAggregate",
  "NumericOrderBy",
  "AggregateWhere",
  "MinMaxOrderBy",
  "GroupOrderBy",
  "Aggregate",
  "GroupKey",
  "OrderBy",
  "Buckets",
  "Change",
  "Group",
  "Field",
  "Where",
];
