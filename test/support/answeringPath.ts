import type { ApolloServerPlugin, BaseContext } from "@apollo/server";

/**
 * A plugin recording which path answered each operation: Apollo hashes the query text of every
 * request it runs, the known-operation path (KnownOperations) has no need to.
 */
export function answeringPath<Context extends BaseContext>(): { paths: ("apollo" | "known")[]; plugin: ApolloServerPlugin<Context> } {
  const paths: ("apollo" | "known")[] = [];
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse({ queryHash, source }) {
          if (source !== undefined) paths.push(queryHash === undefined ? "known" : "apollo");
        },
      };
    },
  };
  return { paths, plugin };
}
