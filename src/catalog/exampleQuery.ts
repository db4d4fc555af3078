import { apiColumnFields } from "../metadata/model.js";
import type { CatalogEntry } from "./CatalogEntry.js";

/** A query a newcomer can paste into the explorer: the product's list field with its own columns. */
export function exampleQuery(entry: CatalogEntry): string {
  const { product } = entry;
  const operation = `${upperFirst(product.domain)}${upperFirst(product.plural)}Example`;
  const keys = product.keyFields.some((f) => f.inaccessible) ? [] : product.keyFields.map((f) => f.name);
  const lines = apiColumnFields(product).map((f) => `    ${f.name}`);
  for (const field of product.fields.values()) {
    if (field.kind === "reference" && !field.inaccessible) lines.push(`    ${field.name} { ${field.targetProduct.keyFields.map((f) => f.name).join(" ")} }`);
  }
  const order = keys.length ? `, orderBy: [${keys.map((k) => `{ ${k}: ASC }`).join(", ")}]` : "";
  return `query ${operation} {\n  ${product.plural}(limit: 10${order}) {\n${lines.join("\n")}\n  }\n}\n`;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
