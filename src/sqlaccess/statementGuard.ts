import type { Identity } from "../identity/Identity.js";
import type { Product } from "../metadata/model.js";
import { ApplicablePolicies } from "../policy/applicablePolicies.js";
import type { Policy } from "../policy/model.js";
import { columnFields } from "../metadata/model.js";
import { checkStatements, Refusal, type StatementInfo } from "./checkStatement.js";
import { schemaOf, sqlNameOf } from "./sqlNames.js";

/** A statement the caller may run, with what the audit log keeps of it. */
export interface CheckedStatement {
  info: StatementInfo;
  /** The products it reads, as `domain.Product`. */
  products: string[];
}

/**
 * One caller's statement check: the parse tree's verdict, then the caller's denials, before
 * the statement reaches the mesh database (whose views would refuse it too). Relations outside
 * the domain schemas and PostgreSQL's catalogs are refused by name.
 */
export class StatementGuard {
  private readonly policies: ApplicablePolicies;

  constructor(
    private readonly products: Map<string, Product>,
    private readonly schemas: Set<string>,
    all: Policy[],
    identity: Identity,
    /** Where unqualified names are looked up: the role's default, or the client's startup `search_path`. */
    private searchPath: string[] = ["public"],
  ) {
    this.policies = new ApplicablePolicies(all, identity);
  }

  check(text: string): CheckedStatement[] {
    return checkStatements(text).map((info) => {
      if (info.searchPath) this.searchPath = info.searchPath;
      const products = new Set<Product>();
      for (const r of info.relations) {
        const product = this.resolve(r);
        if (!product) continue;
        const denial = this.policies.denial(product);
        if (denial) throw new Refusal(`${product.domain}.${product.name} is not available to this identity (policy ${denial.name})`, "42501");
        products.add(product);
      }
      return { info, products: [...products].map((p) => `${p.domain}.${p.name}`) };
    });
  }

  /** The policies of this caller that shape what the products show. */
  policiesFor(addresses: string[]): string[] {
    const names = new Set<string>();
    for (const address of addresses) {
      const product = [...this.products.values()].find((p) => `${p.domain}.${p.name}` === address);
      if (!product) continue;
      for (const p of this.policies.rowFilters(product)) names.add(p.name);
      for (const field of columnFields(product)) for (const p of this.policies.masks(product, field)) names.add(p.name);
    }
    return [...names].sort();
  }

  private resolve(r: StatementInfo["relations"][number]): Product | undefined {
    if (r.schema === undefined) {
      for (const schema of this.searchPath) {
        const product = this.products.get(`${schema}.${r.name}`);
        if (product) return product;
      }
      return undefined;
    }
    const product = this.products.get(`${r.schema}.${r.name}`);
    if (product) return product;
    if (r.schema === "pg_catalog" || r.schema === "information_schema") return undefined;
    const where = this.schemas.has(r.schema) ? `the ${r.schema} domain has no product ${r.name}` : `${r.schema} is not a domain`;
    throw new Refusal(`${r.schema}.${r.name} is not a data product (${where}); the products are views in the schemas ${[...this.schemas].sort().join(", ")}`, "42501");
  }
}

/** The products of the mesh by their SQL names (`crm.customer`). */
export const productsBySqlName = (products: Product[]): Map<string, Product> => new Map(products.map((p) => [sqlNameOf(p), p]));
export const domainSchemas = (products: Product[]): Set<string> => new Set(products.map((p) => schemaOf(p.domain)));
