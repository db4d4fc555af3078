import type { Verifier } from "../../identity/createVerifier.js";
import type { Identity } from "../../identity/Identity.js";
import type { DomainConfig } from "../../metadata/loadMeshConfig.js";
import { type ColumnField, type Domain, type Product } from "../../metadata/model.js";
import { ApplicablePolicies } from "../../policy/applicablePolicies.js";
import type { Policy } from "../../policy/model.js";
import { requiredScopes, type ScopeLookup } from "../requiredScopes.js";
import { viewColumns } from "../sqlNames.js";
import { trinoColumnMask, trinoRowFilters } from "./trinoExpressions.js";
import { productsByTrinoName, type TrinoTable } from "./trinoTables.js";

// The documents Trino's `opa` access-control plugin sends (its OpaQueryInput): who asks, in
// context.identity (user, groups, extraCredentials), and what, in action (operation with a
// resource, or filterResources for batches).

interface TrinoTableResource {
  catalogName: string;
  schemaName: string;
  tableName: string;
  columns?: string[];
}

interface Resource {
  catalog?: { name: string };
  schema?: { catalogName: string; schemaName: string };
  table?: TrinoTableResource;
  column?: TrinoTableResource & { columnName: string; columnType: string };
  user?: { user: string };
}

export interface OpaInput {
  context?: { identity?: { user?: string; groups?: string[]; extraCredentials?: Record<string, string> } };
  action?: { operation?: string; resource?: Resource; filterResources?: Resource[] };
}

/** The extra credentials a Trino client passes (`--extra-credential meshql.token=…`), forwarded by `opa.identity.extra-credentials-keys`. */
export const TOKEN_CREDENTIAL = "meshql.token";
export const PURPOSE_CREDENTIAL = "meshql.purpose";

// Trino's own metadata a caller needs to browse what it may read.
const METADATA_SCHEMAS = new Set(["information_schema"]);
const SYSTEM_SCHEMAS = new Set(["jdbc", "information_schema"]);

/**
 * meshql as the policy decision point of a Trino or Starburst cluster that reads the domain
 * stores itself: the caller is the token in its extra credentials, verified as for HTTP, and the
 * answers come from the same policies: which products and fields it may read, its row filters
 * and masks as Trino SQL over the store tables. Anything else Trino asks about is refused.
 */
export class OpaDecisionPoint {
  private readonly products: ReturnType<typeof productsByTrinoName>;
  private readonly catalogs: Set<string>;
  private readonly scopes: Map<string, ScopeLookup>;

  constructor(
    domains: Domain[],
    configs: DomainConfig[],
    private readonly policies: Policy[],
    private readonly verify: Verifier,
  ) {
    this.products = productsByTrinoName(domains, configs);
    this.catalogs = new Set(configs.map((d) => d.name));
    this.scopes = new Map(domains.map((d) => [d.info.name, requiredScopes(d)]));
  }

  /** opa.policy.uri: true or false for one operation. */
  async allow(input: OpaInput): Promise<boolean> {
    const caller = await this.caller(input);
    if (!caller) return false;
    return this.permits(caller, input.action?.operation ?? "", input.action?.resource ?? {});
  }

  /** opa.policy.batched-uri: the indexes of the resources allowed (for FilterColumns, of the table's columns). */
  async batch(input: OpaInput): Promise<number[]> {
    const caller = await this.caller(input);
    const operation = input.action?.operation ?? "";
    const resources = input.action?.filterResources ?? [];
    if (!caller) return [];
    if (operation === "FilterColumns" && resources.length === 1 && resources[0].table) {
      const { table } = resources[0];
      return (table.columns ?? []).flatMap((column, i) => (this.permits(caller, operation, { table: { ...table, columns: [column] } }) ? [i] : []));
    }
    return resources.flatMap((resource, i) => (this.permits(caller, operation, resource) ? [i] : []));
  }

  /** opa.policy.row-filters-uri: the caller's row filters on a table, as Trino expressions. */
  async rowFilters(input: OpaInput): Promise<{ expression: string }[]> {
    const caller = await this.caller(input);
    const table = input.action?.resource?.table;
    const found = table && this.productOf(table);
    if (!found) return [];
    if (!caller || caller.policies.denial(found.product)) return [{ expression: "false" }];
    return trinoRowFilters(found.product, caller.policies, caller.identity, found.table).map((expression) => ({ expression }));
  }

  /** opa.policy.batch-column-masking-uri: a mask for each column a policy masks for the caller. */
  async columnMasks(input: OpaInput): Promise<{ index: number; viewExpression: { expression: string } }[]> {
    const caller = await this.caller(input);
    return (input.action?.filterResources ?? []).flatMap((resource, index) => {
      const expression = this.maskOf(caller, resource.column);
      return expression === undefined ? [] : [{ index, viewExpression: { expression } }];
    });
  }

  /** opa.policy.column-masking-uri: one column's mask, or null. */
  async columnMask(input: OpaInput): Promise<{ expression: string } | null> {
    const expression = this.maskOf(await this.caller(input), input.action?.resource?.column);
    return expression === undefined ? null : { expression };
  }

  private maskOf(caller: Caller | undefined, column: Resource["column"]): string | undefined {
    const found = column && this.productOf(column);
    if (!found) return undefined;
    // Without a caller nothing is readable: every column is hidden.
    if (!caller) return `CAST(NULL AS ${column.columnType})`;
    return trinoColumnMask(found.product, column.columnName, column.columnType, caller.policies, caller.identity, found.table);
  }

  private permits(caller: Caller, operation: string, resource: Resource): boolean {
    switch (operation) {
      case "ExecuteQuery":
        return true;
      case "AccessCatalog":
      case "FilterCatalogs":
      case "ShowSchemas":
        return this.catalogAllowed(resource.catalog?.name ?? resource.schema?.catalogName);
      case "FilterSchemas":
      case "ShowTables":
        return this.schemaAllowed(resource.schema);
      case "FilterTables":
      case "ShowColumns":
      case "FilterColumns":
      case "SelectFromColumns":
        return this.tableAllowed(caller, resource.table);
      case "FilterViewQueryOwnedBy":
      case "ViewQueryOwnedBy":
      case "KillQueryOwnedBy":
        return resource.user?.user === caller.user;
      default:
        // Writes, DDL, grants, impersonation, session properties: the mesh is read-only.
        return false;
    }
  }

  private catalogAllowed(catalog: string | undefined): boolean {
    return catalog === "system" || (catalog !== undefined && this.catalogs.has(catalog));
  }

  private schemaAllowed(schema: Resource["schema"]): boolean {
    if (!schema || !this.catalogAllowed(schema.catalogName)) return false;
    if (schema.catalogName === "system") return SYSTEM_SCHEMAS.has(schema.schemaName);
    return METADATA_SCHEMAS.has(schema.schemaName) || [...this.products.values()].some((p) => p.table.catalog === schema.catalogName && p.table.schema === schema.schemaName);
  }

  private tableAllowed(caller: Caller, table: TrinoTableResource | undefined): boolean {
    if (!table || !this.schemaAllowed({ catalogName: table.catalogName, schemaName: table.schemaName })) return false;
    if (table.catalogName === "system" || METADATA_SCHEMAS.has(table.schemaName)) return true;
    const found = this.productOf(table);
    if (!found || caller.policies.denial(found.product) || !this.scopesHeld(caller, found.product)) return false;
    const readable = new Map(viewColumns(found.product).map((c) => [c.column, c.via ? undefined : c.field]));
    return (table.columns ?? []).every((column) => readable.has(column) && this.fieldReadable(caller, found.product, readable.get(column)));
  }

  private fieldReadable(caller: Caller, product: Product, field: ColumnField | undefined): boolean {
    return field === undefined || (caller.policies.denial(product, field) === undefined && this.scopesHeld(caller, product, field));
  }

  /** Federation's @requiresScopes on the product (or field): one alternative's scopes all held. */
  private scopesHeld(caller: Caller, product: Product, field?: ColumnField): boolean {
    const alternatives = this.scopes.get(product.domain)?.(product.name, field?.name);
    return !alternatives || alternatives.some((all) => all.every((scope) => caller.identity.scopes?.includes(scope)));
  }

  private productOf(table: { catalogName: string; schemaName: string; tableName: string }): { product: Product & { table: string }; table: TrinoTable } | undefined {
    return this.products.get(`${table.catalogName}.${table.schemaName}.${table.tableName}`);
  }

  private async caller(input: OpaInput): Promise<Caller | undefined> {
    const credentials = input.context?.identity?.extraCredentials ?? {};
    const token = credentials[TOKEN_CREDENTIAL];
    if (!token) return undefined;
    try {
      const identity = await this.verify(`Bearer ${token}`, credentials[PURPOSE_CREDENTIAL]);
      return { identity, user: input.context?.identity?.user, policies: new ApplicablePolicies(this.policies, identity) };
    } catch {
      return undefined;
    }
  }
}

interface Caller {
  identity: Identity;
  /** Trino's user name for the caller. */
  user?: string;
  policies: ApplicablePolicies;
}
