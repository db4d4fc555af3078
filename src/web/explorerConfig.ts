import { z } from "zod";

/** mesh.yaml `explorer:` — the in-browser GraphQL IDE at GET /graphql and whether introspection is on. */
export const ExplorerConfig = z
  .strictObject({
    /** graphiql: served from node_modules, offline; sandbox: Apollo Sandbox, loaded from Apollo's CDN; off: no page. */
    ui: z.enum(["graphiql", "sandbox", "off"]).default("graphiql"),
    /** false: every server refuses __schema and __type queries. */
    introspection: z.boolean().default(true),
  })
  .prefault({});

export type ExplorerConfig = z.infer<typeof ExplorerConfig>;

/** What a server that is given no explorer configuration does: the demo's defaults. */
export const DEFAULT_EXPLORER: ExplorerConfig = ExplorerConfig.parse(undefined);
