import { existsSync, readFileSync } from "node:fs";
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  introspectionFromSchema,
  GraphQLSchema,
  specifiedDirectives,
  type IntrospectionQuery,
} from "graphql";
import { CliError } from "./CliError.js";
import { composeSupergraph, type SubgraphSource } from "../gateway/composeSupergraph.js";
import { gatewayApiSchema } from "../gateway/gatewayApiSchema.js";
import { fetchSubgraphSdl } from "../gateway/subgraphSources.js";

/**
 * The schema clients see, and only that: what introspection answers (types, fields, arguments,
 * descriptions, deprecations), with GraphQL's own directives alone. Both sides of a check are
 * taken to this form, so federation's internals (`@join__…` on a supergraph's types and enum
 * values, `@tag`, `@link`) never read as changes.
 */
export function clientSchema(schema: GraphQLSchema): GraphQLSchema {
  const introspected = buildClientSchema(introspectionFromSchema(schema));
  return new GraphQLSchema({ ...introspected.toConfig(), directives: specifiedDirectives });
}

/** The API schema of a composed supergraph. */
export const supergraphApiSchema = (supergraphSdl: string) => clientSchema(gatewayApiSchema(supergraphSdl));

/**
 * A published schema kept in a file: a supergraph (`meshql compose`), or an API schema
 * (`meshql compose --api-schema`, or any SDL clients were given).
 */
export function publishedSchemaFromFile(file: string): GraphQLSchema {
  if (!existsSync(file)) throw new CliError(`${file} does not exist: give the published supergraph with --against FILE (meshql compose writes one) or --against-url`);
  const sdl = readFileSync(file, "utf8");
  try {
    return /\bjoin__Graph\b/.test(sdl) ? supergraphApiSchema(sdl) : clientSchema(buildSchema(sdl));
  } catch (error) {
    throw new CliError(`${file} is not a supergraph or GraphQL schema: ${firstLine(error)}`);
  }
}

/**
 * The schema published at a URL, with the token in MESHQL_TOKEN. A gateway answers
 * introspection with its API schema, which is what clients see. A subgraph (its schema has
 * `_service`) is one domain as deployed: its `_service { sdl }` takes the place of the declared
 * domain routed to the same URL in mesh.yaml, and that mesh is composed, so the check compares
 * exactly what deploying the declarations would change.
 */
export async function publishedSchemaFromUrl(url: string, declared: SubgraphSource[], token = process.env.MESHQL_TOKEN): Promise<GraphQLSchema> {
  const introspection = await postQuery<IntrospectionQuery>(url, getIntrospectionQuery(), token);
  let schema: GraphQLSchema;
  try {
    schema = buildClientSchema(introspection);
  } catch (error) {
    throw new CliError(`${url} answered introspection with no usable schema: ${firstLine(error)}`);
  }
  if (!schema.getQueryType()?.getFields()._service) return clientSchema(schema);
  const deployed = declared.find((s) => sameUrl(s.url, url));
  if (!deployed) throw new CliError(`${url} is a subgraph that no domain of the mesh is routed to (${declared.map((s) => `${s.name} → ${s.url}`).join(", ")})`);
  const published = await fetchSubgraphSdl(deployed.name, url, token).catch((error) => {
    throw new CliError(firstLine(error));
  });
  return supergraphApiSchema(composeSupergraph(declared.map((s) => (s === deployed ? published : s))));
}

async function postQuery<T>(url: string, query: string, token: string | undefined): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`${url} cannot be reached: ${cause?.code ?? cause?.message ?? firstLine(error)}`);
  }
  const body = (await response.json().catch(() => undefined)) as { data?: T; errors?: { message: string }[] } | undefined;
  if (!body?.data) {
    const why = body?.errors?.[0]?.message ?? `HTTP ${response.status}, no GraphQL answer`;
    throw new CliError(`${url} did not answer introspection: ${firstLine(why)}${response.status === 401 ? " (set MESHQL_TOKEN)" : ""}`);
  }
  return body.data;
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

const firstLine = (error: unknown) => String(error instanceof Error ? error.message : error).split("\n")[0];
