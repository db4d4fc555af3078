import { readFileSync } from "node:fs";
import { Kind, getVariableValues, graphql, parse, type ExecutionResult, type OperationDefinitionNode } from "graphql";
import { resolveOperationJson } from "../../src/pipeline.js";
import { fragmentsOf } from "../../src/server/operationFields.js";
import type { Knex } from "knex";
import type { Verifier } from "../../src/identity/createVerifier.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import { loadMeshPolicies } from "../../src/policy/loadMeshPolicies.js";
import type { Policy } from "../../src/policy/model.js";
import type { Domain } from "../../src/metadata/model.js";
import { checkStore } from "../../src/metadata/checkStore.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { createStore } from "../../src/execute/Store.js";
import type { Identity } from "../../src/identity/Identity.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { openStore } from "../../src/store/openStore.js";

export interface Statement {
  sql: string;
  bindings: unknown[];
}

export interface TestRun {
  result: ExecutionResult;
  /** Every SQL statement the request sent to the domain's store. */
  statements: Statement[];
}

export interface TestMesh {
  subgraphs: Record<DemoDomain, Subgraph>;
  run(domain: DemoDomain, query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<TestRun>;
  /** The same query through the JSON path (resolveOperationJson): its data text, undefined when graphql-js must answer. */
  serve(domain: DemoDomain, query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<{ text?: string; statements: Statement[] }>;
  /** Statements sent to a domain's store so far, however they were caused (HTTP, gateway). */
  statementCount(domain: DemoDomain): number;
  /** The statements sent to a domain's store since its last `run` or `serve`, or since emptied. */
  statements(domain: DemoDomain): Statement[];
  close(): Promise<void>;
}

/** A test mesh over the demo stores with some domains declared otherwise (a variant of a demo SDL) or other policies. */
export interface MeshOverrides {
  domains?: Partial<Record<DemoDomain, Domain>>;
  policies?: Policy[];
}

export const LIMITS = { defaultLimit: 100, maxLimit: 10000 };

/** The central governance identity: no policy hides or masks anything from it. */
export const STEWARD: Identity = {
  subject: "steward",
  groups: ["governance"],
  purposes: ["analytics", "customer-support", "audit"],
  attributes: {},
};

/** Serves tests' subgraphs and gateways without tokens, every caller the steward; identity has tests of its own. */
export const OPEN: Verifier = async () => STEWARD;

/** The demo mesh's policies (schema/policies.yaml and each domain's), over the demo domains. */
export function demoPolicies(): Policy[] {
  const config = loadMeshConfig("schema/mesh.yaml");
  return loadMeshPolicies(config, DEMO_DOMAINS.map(demoDomain));
}

/** Reads a demo domain's SDL from schema/, as start-up does. */
export function demoDomain(name: DemoDomain) {
  const file = `schema/${name}/${name}.graphql`;
  return parseDomain(readFileSync(file, "utf8"), file, LIMITS);
}

/**
 * The three demo subgraphs over already migrated stores, under the demo policies, with each
 * store's statements recorded. Queries run as the steward unless another identity is given.
 */
export async function openTestMesh(stores: Record<DemoDomain, string>, maxDepth = 8, overrides: MeshOverrides = {}): Promise<TestMesh> {
  const connections: Knex[] = [];
  const logs = {} as Record<DemoDomain, Statement[]>;
  const totals = Object.fromEntries(DEMO_DOMAINS.map((d) => [d, 0])) as Record<DemoDomain, number>;
  const subgraphs = {} as Record<DemoDomain, Subgraph>;
  const policies = overrides.policies ?? demoPolicies();
  for (const name of DEMO_DOMAINS) {
    const knex = openStore(stores[name], process.cwd());
    connections.push(knex);
    logs[name] = [];
    knex.on("query", (q: { sql: string; bindings?: unknown[] }) => {
      logs[name].push({ sql: q.sql, bindings: q.bindings ?? [] });
      totals[name]++;
    });
    const domain = overrides.domains?.[name] ?? demoDomain(name);
    // As a served mesh runs them: a SQLite file's statements in a worker of their own.
    const store = createStore(name, knex, { offThread: true });
    await checkStore(domain, knex);
    await store.worker?.start();
    logs[name].length = 0;
    subgraphs[name] = createSubgraph(domain, store, { maxDepth, maxCost: 2_000_000 }, policies);
  }
  return {
    subgraphs,
    async run(domain, query, variables, identity = STEWARD) {
      logs[domain].length = 0;
      const result = await graphql({
        schema: subgraphs[domain].schema,
        source: query,
        variableValues: variables,
        contextValue: { identity, requestId: "test" },
      });
      return { result, statements: [...logs[domain]] };
    },
    async serve(domain, query, variables = {}, identity = STEWARD) {
      logs[domain].length = 0;
      const { schema } = subgraphs[domain];
      const document = parse(query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const { coerced, errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      if (errors) throw errors[0];
      const served = await resolveOperationJson(subgraphs[domain], operation, fragmentsOf(document), coerced, { identity, requestId: "test" });
      return { text: served?.text, statements: [...logs[domain]] };
    },
    statementCount: (domain) => totals[domain],
    statements: (domain) => logs[domain],
    close: async () => {
      await Promise.all(Object.values(subgraphs).flatMap((s) => (s.store.worker ? [s.store.worker.stop()] : [])));
      await Promise.all(connections.map((k) => k.destroy()));
    },
  };
}
