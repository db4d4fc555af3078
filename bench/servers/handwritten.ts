/**
 * What teams write by hand: an Apollo subgraph with ordinary per-field resolvers, one query per
 * resolver, DataLoader batching the children of a level into one query, the token verified as
 * meshql verifies it. Same pool as meshql's stores.
 *
 *   tsx bench/servers/handwritten.ts --database URL --port N
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import DataLoader from "dataloader";
import { GraphQLError, parse } from "graphql";
import { jwtVerify } from "jose";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { arg, createPool } from "../support/pool.js";

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  type Query {
    tracksByGenre(genreId: Int!, limit: Int = 20, offset: Int = 0): [Track!]!
    artists(limit: Int = 100): [Artist!]!
    salesByCountry: [CountrySales!]!
  }
  type Artist @key(fields: "id") { id: Int! name: String albums(limit: Int = 100): [Album!]! }
  type Album @key(fields: "id") { id: Int! title: String! tracks(limit: Int = 100): [Track!]! }
  type Track @key(fields: "id") { id: Int! name: String! composer: String milliseconds: Int! unitPrice: Float! }
  type CountrySales { billingCountry: String sumTotal: Float! maxTotal: Float! }
`);

const pool = createPool(arg("database"));
const rows = async (text: string, values: unknown[] = []) => (await pool.query(text, values)).rows;

/** Children of many parents in one query, handed back per parent. */
const childrenOf = <T extends Record<string, unknown>>(text: string, parentKey: string) =>
  new DataLoader<number, T[]>(async (ids) => {
    const byParent = new Map<number, T[]>(ids.map((id) => [id, []]));
    for (const row of await rows(text, [ids])) byParent.get(row[parentKey] as number)!.push(row as T);
    return ids.map((id) => byParent.get(id)!);
  });

const TRACK = `track_id AS id, name, composer, milliseconds, unit_price AS "unitPrice"`;
const loaders = () => ({
  albumsByArtist: childrenOf(`SELECT album_id AS id, title, artist_id FROM album WHERE artist_id = ANY($1) ORDER BY album_id`, "artist_id"),
  tracksByAlbum: childrenOf(`SELECT ${TRACK}, album_id FROM track WHERE album_id = ANY($1) ORDER BY track_id`, "album_id"),
  trackById: new DataLoader<number, unknown>(async (ids) => {
    const found = new Map((await rows(`SELECT ${TRACK} FROM track WHERE track_id = ANY($1)`, [ids])).map((t) => [t.id, t]));
    return ids.map((id) => found.get(id) ?? null);
  }),
});
type Context = { loaders: ReturnType<typeof loaders> };

const resolvers = {
  Query: {
    tracksByGenre: (_: unknown, a: { genreId: number; limit: number; offset: number }) =>
      rows(`SELECT ${TRACK} FROM track WHERE genre_id = $1 ORDER BY track_id DESC LIMIT $2 OFFSET $3`, [a.genreId, a.limit, a.offset]),
    artists: (_: unknown, a: { limit: number }) => rows(`SELECT artist_id AS id, name FROM artist ORDER BY artist_id LIMIT $1`, [a.limit]),
    salesByCountry: () =>
      rows(`SELECT billing_country AS "billingCountry", sum(total) AS "sumTotal", max(total) AS "maxTotal" FROM invoice GROUP BY billing_country ORDER BY billing_country`),
  },
  Artist: {
    albums: async (artist: { id: number }, a: { limit: number }, ctx: Context) => (await ctx.loaders.albumsByArtist.load(artist.id)).slice(0, a.limit),
  },
  Album: {
    tracks: async (album: { id: number }, a: { limit: number }, ctx: Context) => (await ctx.loaders.tracksByAlbum.load(album.id)).slice(0, a.limit),
  },
  Track: {
    __resolveReference: (ref: { id: number }, ctx: Context) => ctx.loaders.trackById.load(ref.id),
  },
};

// The demo mesh's token settings (schema/mesh.yaml), verified as meshql does: HS256, issuer, audience.
const identity = parseYaml(readFileSync(new URL("../../schema/mesh.yaml", import.meta.url), "utf8")).identity;
const secret = new TextEncoder().encode(process.env.MESHQL_JWT_SECRET ?? identity.hs256Secret);

const server = new ApolloServer<Context>({ schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }) });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(arg("port", "0")) },
  context: async ({ req }) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    await jwtVerify(token ?? "", secret, { algorithms: ["HS256"], issuer: identity.issuer, audience: identity.audience }).catch(() => {
      throw new GraphQLError("unauthenticated", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
    });
    return { loaders: loaders() };
  },
});
console.log(`handwritten  ${url.replace(/\/$/, "")}/graphql`);
process.once("SIGTERM", () => process.exit(0));
