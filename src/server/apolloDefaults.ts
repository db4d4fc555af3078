import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";

/**
 * Apollo Server's built-in plugins every meshql server turns off: the landing page (it loads
 * from Apollo's CDN; meshql serves its own explorer), inline traces (nothing reads them), and
 * cache control, whose per-field hook wraps every resolver and costs about a tenth of a
 * subgraph's CPU per request while meshql sets no cache hints.
 */
export const apolloDefaults = <Context extends BaseContext>(): ApolloServerPlugin<Context>[] => [
  ApolloServerPluginLandingPageDisabled(),
  ApolloServerPluginInlineTraceDisabled(),
  ApolloServerPluginCacheControlDisabled(),
];
