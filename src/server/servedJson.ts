import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";
import { operationVariables } from "./operationVariables.js";
import { resolveOperationJson, type RequestContext } from "../pipeline.js";
import { fragmentsOf } from "./operationFields.js";
import type { Subgraph } from "./Subgraph.js";
import type { KnownOperations } from "./knownOperations.js";
import { FTV1_HEADER } from "./apolloDefaults.js";
import { immediatePlugin } from "./immediatePlugin.js";

// The `data` of an answer whose JSON the subgraph wrote itself (resolveOperationJson): kept as
// text and written into the response as it is. Anything reading the data as an object (a test,
// a plugin) gets it parsed, once, on first read.
const DATA_TEXT = Symbol("meshql.dataText");

export function servedData(text: string, keys: string[]): Record<string, unknown> {
  let parsed: Record<string, unknown> | undefined;
  const data: Record<string, unknown> = {};
  Object.defineProperty(data, DATA_TEXT, { value: text });
  for (const key of keys) Object.defineProperty(data, key, { enumerable: true, get: () => (parsed ??= JSON.parse(text))[key] });
  return data;
}

/**
 * Apollo's `stringifyResult`: what Apollo writes (its own is `JSON.stringify(result) + "\n"`),
 * with served data spliced in as text.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const text = (result.data as Record<symbol, string> | null | undefined)?.[DATA_TEXT];
  if (text === undefined) return `${JSON.stringify(result)}\n`;
  const parts: string[] = [];
  if (result.errors !== undefined) parts.push(`"errors":${JSON.stringify(result.errors)}`);
  parts.push(`"data":${text}`);
  if (result.extensions !== undefined) parts.push(`"extensions":${JSON.stringify(result.extensions)}`);
  return `{${parts.join(",")}}\n`;
}

/**
 * Answers a query from its statements' JSON, after every plugin has seen the resolved operation
 * (limits, cost) and before graphql-js would execute it; the response then goes through
 * `willSendResponse` (audit, logging) like any other. Operations it cannot answer go on to graphql-js,
 * and so do those a router asks a trace of: the trace times each field as graphql-js resolves it.
 */
export const servedJson = (subgraph: Subgraph, known?: KnownOperations<RequestContext>): ApolloServerPlugin<RequestContext> =>
  immediatePlugin({
    async responseForOperation({ operation, document, request, contextValue, schema, source }) {
      // No operation (several and none named): graphql-js reports it.
      if (!operation || operation.operation !== "query") return null;
      if (request.http?.headers.get(FTV1_HEADER) === "ftv1") return null;
      const variables = operationVariables(schema, operation, request.variables);
      if (!variables) return null;
      const served = await resolveOperationJson(subgraph, operation, fragmentsOf(document), variables, contextValue);
      if (!served) return null;
      const { text, keys } = served;
      // The next request with this text answers before Apollo's request pipeline (see KnownOperations).
      if (source !== undefined) known?.remember(source, request.operationName, document, operation);
      return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { data: servedData(text, keys) } } };
    },
  });
