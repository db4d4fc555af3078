/**
 * PostGraphile V5 (5.0.0-rc.3, the last release line that runs on Node 20) over the benchmark
 * database, in its own process: the Amber preset, @graphile/pg-aggregates for Q3, grafserv on
 * node:http with `outputDataAsString`, every column orderable and groupable, the same pool size as meshql's stores, the token verified as meshql verifies it.
 *
 *   tsx bench/servers/postgraphile.ts --database URL --port N
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { jwtVerify } from "jose";
import { parse as parseYaml } from "yaml";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PgAggregatesPreset } from "@graphile/pg-aggregates";
import { arg, createPool } from "../support/pool.js";

const identity = parseYaml(readFileSync(new URL("../../schema/mesh.yaml", import.meta.url), "utf8")).identity;
const secret = new TextEncoder().encode(process.env.MESHQL_JWT_SECRET ?? identity.hs256Secret);

// PostGraphile parses values itself: the pool keeps pg's own type parsers.
const pool = createPool(arg("database"), { parseTypes: false });
const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset],
  // Amber only orders and groups by indexed columns; meshql orders and groups by any (Q3 groups
  // by the unindexed billing_country), so PostGraphile is given the same freedom.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ pool, schemas: ["public"] })],
  // Grafast writes each response's data as one JSON string rather than building an object for
  // grafserv to serialise: what PostGraphile's authors recommend for speed.
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false, outputDataAsString: true },
  grafast: {
    explain: false,
    async context(requestContext) {
      const header = requestContext.node?.req.headers.authorization ?? "";
      await jwtVerify(header.replace(/^Bearer /, ""), secret, { algorithms: ["HS256"], issuer: identity.issuer, audience: identity.audience });
      return {};
    },
  },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
await serv.ready();
server.listen(Number(arg("port", "0")), () => console.log(`postgraphile  http://localhost:${(server.address() as AddressInfo).port}/graphql`));
process.once("SIGTERM", () => process.exit(0));
