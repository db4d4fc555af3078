import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginInlineTrace } from "@apollo/server/plugin/inlineTrace";

/** The header a Federation router sends to ask a subgraph for its trace (`extensions.ftv1`). */
export const FTV1_HEADER = "apollo-federation-include-trace";

/**
 * Apollo Server's built-in plugins every meshql server turns off: the landing page (it loads
 * from Apollo's CDN; meshql serves its own explorer) and cache control, whose per-field hook
 * wraps every resolver and costs about a tenth of a subgraph's CPU per request while meshql
 * sets no cache hints. Usage reporting stays off even with APOLLO_KEY in the environment: what
 * callers read is recorded by meshql's audit log, and a governed API sends no operation or
 * client data to a third party unasked (known operations, answered before Apollo's pipeline,
 * could not report anyway). Inline traces (Federation's ftv1) are on for domain subgraphs only, where
 * a router may ask for them with FTV1_HEADER; a request without the header is not traced (see
 * isInlineTrace), and a trace's errors are masked, as the answer's are.
 */
export const apolloDefaults = <Context extends BaseContext>({ inlineTrace = false }: { inlineTrace?: boolean } = {}): ApolloServerPlugin<Context>[] => [
  ApolloServerPluginLandingPageDisabled(),
  inlineTrace ? inlineTracePlugin() : ApolloServerPluginInlineTraceDisabled(),
  ApolloServerPluginCacheControlDisabled(),
  ApolloServerPluginUsageReportingDisabled(),
];

const inlineTraces = new WeakSet<object>();

function inlineTracePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  const plugin = ApolloServerPluginInlineTrace({ includeErrors: { masked: true } });
  inlineTraces.add(plugin);
  return plugin;
}

/**
 * The inline trace plugin of apolloDefaults: it builds a trace for every request before it
 * looks for FTV1_HEADER, so a server that answers requests without the header itself (see
 * KnownOperations) leaves it out.
 */
export const isInlineTrace = (plugin: ApolloServerPlugin<any>): boolean => inlineTraces.has(plugin);
