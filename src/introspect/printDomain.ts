import { Kind, print } from "graphql";
import { snakeCase } from "../metadata/naming.js";
import type { ColumnDraft, DomainDraft, EnumDraft, LeftOutColumn, ProductDraft, RelationDraft } from "./DomainDraft.js";

/** A GraphQL string literal. */
const literal = (value: string) => print({ kind: Kind.STRING, value });

/** One name as a string, several as a list. */
const names = (values: string[]) => (values.length === 1 ? literal(values[0]) : `[${values.map(literal).join(", ")}]`);

/** A description above a definition, as a block string indented like it. */
function description(text: string | undefined, indent: string): string[] {
  const value = text?.trim();
  if (!value) return [];
  return print({ kind: Kind.STRING, value, block: true })
    .split("\n")
    .map((line) => (line ? `${indent}${line}` : ""));
}

/** A comment stays on its line, whatever the database put in a name or type. */
const oneLine = (text: string) => text.replace(/\s+/g, " ");

/** The domain's SDL: the schema extension with @domain, then each product, then each enum. */
export function printDomain(draft: DomainDraft): string {
  const blocks = [
    [
      "extend schema",
      `  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@tag", "@shareable"])`,
      `  @domain(name: ${literal(draft.name)}, description: ${literal(draft.description)})`,
    ],
    ...(draft.leftOut.length ? [draft.leftOut.map((t) => `# table ${oneLine(JSON.stringify(t.table))} is left out: ${t.reason}`)] : []),
    ...draft.products.map(printProduct),
    ...draft.enums.map(printEnum),
  ];
  return `${blocks.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

function printProduct(product: ProductDraft): string[] {
  const directives: string[] = [];
  if (product.key) directives.push(`@key(fields: ${literal(product.key.map((f) => f.name).join(" "))})`);
  const args: string[] = [];
  if (product.table.name !== snakeCase(product.typeName)) args.push(`table: ${literal(product.table.name)}`);
  if (product.plural) args.push(`plural: ${literal(product.plural)}`);
  directives.push(args.length ? `@product(${args.join(", ")})` : "@product");
  return [
    ...description(product.table.comment, ""),
    `type ${product.typeName} ${directives.join(" ")} {`,
    ...product.columns.flatMap(printColumn),
    ...product.relations.map(printRelation),
    "}",
  ];
}

function printColumn(field: ColumnDraft | LeftOutColumn): string[] {
  const { column } = field;
  if (field.kind === "leftOut") {
    const type = `${column.type}${column.array ? "[]" : ""}`;
    return [`  # column ${oneLine(JSON.stringify(column.name))} (${oneLine(type)}) is left out: ${field.reason}`];
  }
  const type = printedType(field);
  const directive = snakeCase(field.name) === column.name ? "" : ` @column(name: ${literal(column.name)})`;
  return [
    ...description(column.comment, "  "),
    ...(field.note ? [`  # column ${oneLine(JSON.stringify(column.name))} ${field.note}`] : []),
    `  ${field.name}: ${type}${directive}`,
  ];
}

/** A column field's GraphQL type: `Int!`, `[String]`, `Mood`. */
export function printedType(field: ColumnDraft): string {
  const named = typeof field.type === "string" ? field.type : field.type.name;
  return `${field.list ? `[${named}]` : named}${field.nullable ? "" : "!"}`;
}

function printRelation(relation: RelationDraft): string {
  const type = relation.list ? `[${relation.target.typeName}!]!` : `${relation.target.typeName}${relation.nullable ? "" : "!"}`;
  const args = [
    ...(relation.through ? [`through: ${literal(relation.through)}`] : []),
    `column: ${names(relation.column)}`,
    ...(relation.references ? [`references: ${names(relation.references)}`] : []),
    ...(relation.targetColumn ? [`targetColumn: ${names(relation.targetColumn)}`] : []),
  ];
  return `  ${relation.name}: ${type} @relation(${args.join(", ")})`;
}

function printEnum(draft: EnumDraft): string[] {
  const values = draft.values.map(({ name, value }) => (name === value ? `  ${name}` : `  ${name} @enumValue(value: ${literal(value)})`));
  return [`enum ${draft.name} {`, ...values, "}"];
}
