import { makeExecutableSchema } from "@graphql-tools/schema";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { Knex } from "knex";
import { DateTime } from "../../resolvers/DateTime.js";
import { FEDERATION_DEFINITIONS } from "../metadata/directives.js";
import type { RequestContext } from "../pipeline.js";
import { isoDateTime } from "../execute/shapeResult.js";
import { dateTimeText } from "../sql/dialect/common.js";
import type { AuditLog } from "./AuditLog.js";
import type { Explainer } from "../explain/explainQuery.js";

/** The platform subgraph's contract: meshql's own data, for the governance team. */
export const PLATFORM_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

"""An ISO 8601 date and time, in UTC."""
scalar DateTime

"""One subgraph operation: who read what, under which policies, with what outcome."""
type MeshqlAuditEvent {
  at: DateTime!
  requestId: String
  subject: String
  purpose: String
  domain: String!
  operation: String
  products: [String!]!
  fields: [String!]!
  policies: [String!]!
  rows: Int!
  durationMs: Int!
  """ok, error or refused"""
  outcome: String!
  errorCode: String
  """The request whose subgraph call answered this one too, when a gateway shared the call"""
  sharedWith: String
}

input MeshqlAuditEventFilter {
  subject: String
  domain: String
  purpose: String
  outcome: String
  requestId: String
  product: String
  since: DateTime
  until: DateTime
}

"""One governed statement of an explained query."""
type MeshqlExplainedStatement {
  domain: String!
  sql: String!
  """The bound values, each as JSON."""
  bindings: [String!]!
  policies: [String!]!
}

type MeshqlExplanation {
  statements: [MeshqlExplainedStatement!]!
  """Refusals and failures the query met."""
  errors: [String!]!
}

type Query {
  """The audit log, newest first (the governance group only)."""
  meshqlAuditEvents(filter: MeshqlAuditEventFilter, limit: Int = 100): [MeshqlAuditEvent!]!
  """Each domain's governed SQL for a query as a named identity would send it (the governance group only)."""
  meshqlExplain(query: String!, as: String!, purpose: String): MeshqlExplanation!
}
`;

const MAX_LIMIT = 10_000;

/** `meshqlAuditEvents`, read from the platform store after flushing what this process still holds; `meshqlExplain`. */
export function platformSchema(knex: Knex, log: AuditLog, readers: string[], explainer?: Explainer): GraphQLSchema {
  const governanceOnly = (context: RequestContext, what: string) => {
    if (!context.identity.groups.some((g) => readers.includes(g))) {
      throw new GraphQLError(`${what} is for ${readers.join(", ")} only`, { extensions: { code: "FORBIDDEN" } });
    }
  };
  return makeExecutableSchema({
    typeDefs: [FEDERATION_DEFINITIONS, `scalar _Any\ntype _Service { sdl: String }\nextend type Query { _service: _Service! }`, PLATFORM_SDL],
    resolvers: {
      DateTime,
      Query: {
        _service: () => ({ sdl: PLATFORM_SDL }),
        async meshqlAuditEvents(_source: unknown, args: { filter?: Record<string, string>; limit: number }, context: RequestContext) {
          governanceOnly(context, "the audit log");
          if (args.limit < 0 || args.limit > MAX_LIMIT) {
            throw new GraphQLError(`limit must be between 0 and ${MAX_LIMIT}`, { extensions: { code: "BAD_USER_INPUT" } });
          }
          await log.flush();
          const f = args.filter ?? {};
          let query = knex("meshql_audit_event").orderBy([{ column: "at", order: "desc" }, { column: "id", order: "desc" }]).limit(args.limit);
          for (const [key, column] of [["subject", "subject"], ["domain", "domain"], ["purpose", "purpose"], ["outcome", "outcome"], ["requestId", "request_id"]] as const) {
            if (f[key] !== undefined) query = query.where(column, f[key]);
          }
          // Products are stored as a JSON array of addresses: match the quoted address.
          if (f.product) query = query.where("products", "like", `%${JSON.stringify(f.product)}%`);
          if (f.since) query = query.where("at", ">=", dateTimeText(f.since));
          if (f.until) query = query.where("at", "<", dateTimeText(f.until));
          const rows: Record<string, any>[] = await query;
          return rows.map((r) => ({
            at: isoDateTime(String(r.at)),
            requestId: r.request_id,
            subject: r.subject,
            purpose: r.purpose,
            domain: r.domain,
            operation: r.operation,
            products: JSON.parse(r.products),
            fields: JSON.parse(r.fields),
            policies: JSON.parse(r.policies),
            rows: Number(r.row_count),
            durationMs: Number(r.duration_ms),
            outcome: r.outcome,
            errorCode: r.error_code,
            sharedWith: r.shared_with,
          }));
        },
        async meshqlExplain(_source: unknown, args: { query: string; as: string; purpose?: string }, context: RequestContext) {
          governanceOnly(context, "explain");
          if (!explainer) throw new GraphQLError("explain needs the domains in this process (meshql start)", { extensions: { code: "SERVICE_UNAVAILABLE" } });
          const { statements, errors } = await explainer(args.as, args.purpose, args.query);
          return {
            statements: statements.map((s) => ({ ...s, bindings: s.bindings.map((b) => JSON.stringify(b)) })),
            errors: errors.map((e) => `${e.message} (${String(e.extensions?.code ?? "")})`),
          };
        },
      },
    },
  });
}
