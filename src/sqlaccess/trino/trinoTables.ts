import type { DomainConfig } from "../../metadata/loadMeshConfig.js";
import { isApiProduct, type Domain, type Product } from "../../metadata/model.js";
import { wrapperOf } from "../foreignServer.js";

/** Where Trino finds a product: its catalog (one per domain store), schema and table. */
export interface TrinoTable {
  catalog: string;
  schema: string;
  table: string;
}

/**
 * Trino reads the domain stores through its own catalogs, one per domain, named after the
 * domain; a table sits in the store's schema (`dbSchema`, else PostgreSQL's `public` or the
 * MariaDB database of the store URL).
 */
export function trinoTableOf(product: Product & { table: string }, domain: DomainConfig): TrinoTable {
  return { catalog: domain.name, schema: storeSchema(domain), table: product.table };
}

function storeSchema(domain: DomainConfig): string {
  if (domain.dbSchema) return domain.dbSchema;
  switch (wrapperOf(domain.store)) {
    case "postgres_fdw":
      return "public";
    case "mysql_fdw":
      return decodeURIComponent(new URL(domain.store).pathname.slice(1));
    case "ogr_fdw":
      return "main";
  }
}

/** The products by `catalog.schema.table`, as Trino names them. */
export function productsByTrinoName(domains: Domain[], configs: DomainConfig[]): Map<string, { product: Product & { table: string }; table: TrinoTable }> {
  const found = new Map<string, { product: Product & { table: string }; table: TrinoTable }>();
  domains.forEach((domain, i) => {
    for (const product of domain.types.values()) {
      if (!isApiProduct(product)) continue;
      const table = trinoTableOf(product, configs[i]);
      found.set(`${table.catalog}.${table.schema}.${table.table}`, { product, table });
    }
  });
  return found;
}
