import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextDidEncounterErrors,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextResponseForOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
  GraphQLResponse,
} from "@apollo/server";

/**
 * A plugin's hooks as plain functions, for the hooks meshql's own plugins have. Apollo runs them
 * through its listener protocol (`immediatePlugin`); a known operation (see KnownOperations) calls
 * them at once, in the plugins' order, with no listener made and no promise awaited per hook.
 */
export interface ImmediateHooks<Context extends BaseContext> {
  /** Throws to refuse the operation (a limit). */
  didResolveOperation?(requestContext: GraphQLRequestContextDidResolveOperation<Context>): void;
  /** The answer, or null to leave it to the next plugin (and at last to graphql-js). */
  responseForOperation?(requestContext: GraphQLRequestContextResponseForOperation<Context>): Promise<GraphQLResponse | null>;
  didEncounterErrors?(requestContext: GraphQLRequestContextDidEncounterErrors<Context>): void;
  /** `started`: when the request started (performance.now()). */
  willSendResponse?(requestContext: GraphQLRequestContextWillSendResponse<Context>, started: number): void;
}

const HOOKS = Symbol("meshql.immediateHooks");

/** The plugin Apollo runs: its listener, made per request, calls the hooks. */
export function immediatePlugin<Context extends BaseContext>(hooks: ImmediateHooks<Context>): ApolloServerPlugin<Context> {
  const { didResolveOperation, responseForOperation, didEncounterErrors, willSendResponse } = hooks;
  const plugin: ApolloServerPlugin<Context> & { [HOOKS]: ImmediateHooks<Context> } = {
    [HOOKS]: hooks,
    async requestDidStart() {
      const started = performance.now();
      const listener: GraphQLRequestListener<Context> = {};
      if (didResolveOperation) listener.didResolveOperation = async (c) => didResolveOperation(c);
      if (responseForOperation) listener.responseForOperation = (c) => responseForOperation(c);
      if (didEncounterErrors) listener.didEncounterErrors = async (c) => didEncounterErrors(c);
      if (willSendResponse) listener.willSendResponse = async (c) => willSendResponse(c, started);
      return listener;
    },
  };
  return plugin;
}

/** A plugin's immediate hooks, if it was made by immediatePlugin. */
export const immediateHooksOf = <Context extends BaseContext>(plugin: ApolloServerPlugin<Context>): ImmediateHooks<Context> | undefined =>
  (plugin as { [HOOKS]?: ImmediateHooks<Context> })[HOOKS];
