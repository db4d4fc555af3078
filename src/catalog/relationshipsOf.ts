import type { Product } from "../metadata/model.js";
import type { CatalogEntry } from "./CatalogEntry.js";

export interface Relationship {
  field: string;
  target: string;
  targetDomain: string;
  kind: "relation" | "reference" | "extension";
  list: boolean;
  declaredBy: string;
}

/**
 * The product's own relation and reference fields, and the fields other domains add to it by
 * extending its entity (sales adds `invoices` to crm's Customer).
 */
export function relationshipsOf(entry: CatalogEntry, all: CatalogEntry[]): Relationship[] {
  const own = fieldsLeadingOut(entry.product, all, entry.product.domain);
  const extensions = all
    .map((e) => e.subgraph.domain)
    .filter((domain, i, domains) => domain.info.name !== entry.product.domain && domains.indexOf(domain) === i)
    .flatMap((domain) => {
      const stub = domain.types.get(entry.product.name);
      if (!stub || stub.table || ownerOf(stub.name, all) !== entry.product.domain) return [];
      return fieldsLeadingOut(stub, all, domain.info.name).map((r) => ({ ...r, kind: "extension" as const }));
    });
  return [...own, ...extensions];
}

function fieldsLeadingOut(product: Product, all: CatalogEntry[], declaredBy: string): Relationship[] {
  return [...product.fields.values()].flatMap((field) => {
    if (field.kind === "column" || field.inaccessible) return [];
    const targetDomain = field.kind === "relation" ? declaredBy : (ownerOf(field.target, all) ?? "unknown");
    return [{ field: field.name, target: `${targetDomain}.${field.target}`, targetDomain, kind: field.kind, list: field.kind === "relation" && field.list, declaredBy }];
  });
}

/** The domain whose product an entity type is (the others only hold stubs of it). */
const ownerOf = (typeName: string, all: CatalogEntry[]) => all.find((e) => e.product.name === typeName)?.product.domain;
