import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { immediatePlugin } from "../../src/server/immediatePlugin.js";

/**
 * A plugin recording which path answered each operation: Apollo hashes the query text of every
 * request it runs, the known-operation path (KnownOperations) has no need to. Made as meshql's
 * own plugins are (immediatePlugin), so that a server's known operations call every plugin at once.
 */
export function answeringPath<Context extends BaseContext>(): { paths: ("apollo" | "known")[]; plugin: ApolloServerPlugin<Context> } {
  const paths: ("apollo" | "known")[] = [];
  const plugin = immediatePlugin<Context>({
    willSendResponse({ queryHash, source }) {
      if (source !== undefined) paths.push(queryHash === undefined ? "known" : "apollo");
    },
  });
  return { paths, plugin };
}
