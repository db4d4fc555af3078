import { snakeCase } from "../metadata/naming.js";
import type { ColumnDraft, DomainDraft, ProductDraft } from "./DomainDraft.js";

/** Words of field names that suggest personal data, the likeliest first. */
const PERSONAL = ["email", "mail", "phone", "mobile", "ssn", "passport", "iban", "salary", "birth", "dob", "address", "street", "postal", "zip", "fax"];

/** How personal a field's name looks: the rank of its likeliest personal word, or Infinity. */
function personalRank(field: ColumnDraft): number {
  const parts = snakeCase(field.name).split("_");
  const ranks = PERSONAL.map((word, i) => (parts.includes(word) ? i : Infinity));
  return Math.min(...ranks);
}

const kebab = (name: string) => snakeCase(name).replaceAll("_", "-").replace(/[^a-z0-9-]/g, "").replace(/^-+/, "");

const fieldsOf = (p: ProductDraft) => p.columns.filter((c): c is ColumnDraft => c.kind === "column");

/**
 * A domain's starter policies.yaml: no policy in force, and commented examples over the
 * domain's own fields (a mask on a field that looks personal, a row filter, a minimum group
 * size) that load as they are once uncommented.
 */
export function starterPolicies(draft: DomainDraft): string {
  const header = [
    `# Policies of the ${draft.name} domain, read at start-up (README "Governance"); a mistake stops`,
    "# start-up with this file's name, line and reason.",
    "policies: []",
  ];
  const examples = [maskExample(draft), rowFilterExample(draft), aggregateExample(draft)].filter((e): e is string[] => e !== undefined);
  if (examples.length === 0) return `${header.join("\n")}\n`;
  const commented = ["policies:", ...examples.flat()].map((line) => `# ${line}`);
  return [
    ...header,
    "",
    "# Examples over this domain's own fields: to use them, delete `policies: []` above and the",
    '# leading "# " of the lines below.',
    ...commented,
    "",
  ].join("\n");
}

function maskExample(draft: DomainDraft): string[] | undefined {
  const candidates = draft.products.flatMap((p) => fieldsOf(p).map((field) => ({ product: p, field, rank: personalRank(field) })));
  // The likeliest personal field, text first (a hash keeps equal values equal); else any text field.
  const ranked = candidates.filter((c) => c.rank < Infinity).sort((a, b) => a.rank - b.rank || Number(b.field.type === "String") - Number(a.field.type === "String"));
  const chosen = ranked[0] ?? candidates.find((c) => c.field.type === "String" && !c.product.key?.includes(c.field));
  if (!chosen) return undefined;
  const { product, field } = chosen;
  const hashed = field.type === "String" && !field.list;
  return [
    `  - name: ${kebab(product.typeName)}-${kebab(field.name)}-${hashed ? "hashed" : "hidden"}`,
    `    description: ${product.typeName}.${field.name} is ${hashed ? "pseudonymised (sha256)" : "hidden"} except for the governance group.`,
    `    mask: { field: ${product.typeName}.${field.name}, as: ${hashed ? "hash" : '"null"'} }`,
    "    unless: { groups: [governance] }",
  ];
}

/**
 * A row filter on a product's own foreign key column, compared with an attribute of the caller's
 * token; on a product no non-null relation points at, since a row filter there would stop start-up.
 */
function rowFilterExample(draft: DomainDraft): string[] | undefined {
  const pointedAt = (p: ProductDraft) => draft.products.some((o) => o.relations.some((r) => !r.list && !r.nullable && r.target === p));
  const filterable = draft.products.filter((p) => !pointedAt(p));
  for (const product of filterable) {
    const relation = product.relations.find((r) => !r.list && r.column.length === 1);
    const field = relation && fieldsOf(product).find((f) => f.column.name === relation.column[0] && !f.list);
    if (!field) continue;
    return [
      `  - name: ${kebab(product.typeName)}-rows-by-${kebab(field.name)}`,
      `    description: The partners group sees only the ${product.typeName} rows whose ${field.name} is the ${field.name} attribute of its token (identity.claims.attributes in mesh.yaml).`,
      "    rowFilter:",
      `      product: ${product.typeName}`,
      `      where: { ${field.name}: { _eq: { identity: ${field.name} } } }`,
      "    when: { groups: [partners] }",
    ];
  }
  const product = filterable[0];
  const field = product && fieldsOf(product).find((f) => !f.list);
  if (!field) return undefined;
  return [
    `  - name: ${kebab(product.typeName)}-with-${kebab(field.name)}`,
    `    description: Outside the governance group, only the ${product.typeName} rows that have a ${field.name}.`,
    "    rowFilter:",
    `      product: ${product.typeName}`,
    `      where: { ${field.name}: { _isNull: false } }`,
    "    unless: { groups: [governance] }",
  ];
}

/** A minimum group size on the product with the most numeric fields (what people aggregate). */
function aggregateExample(draft: DomainDraft): string[] | undefined {
  const numeric = (p: ProductDraft) => fieldsOf(p).filter((f) => ["Int", "Float", "Decimal", "BigInt"].includes(f.type as string) && !p.key?.includes(f)).length;
  const product = [...draft.products].sort((a, b) => numeric(b) - numeric(a))[0];
  if (!product) return undefined;
  return [
    `  - name: ${kebab(product.typeName)}-groups-of-five`,
    `    description: Outside the governance group, aggregates over fewer than five ${product.typeName} rows are suppressed.`,
    `    aggregate: { product: ${product.typeName}, minGroupSize: 5 }`,
    "    unless: { groups: [governance] }",
  ];
}
