import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphql, type ExecutionResult } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStore } from "../../src/execute/Store.js";
import type { Identity } from "../../src/identity/Identity.js";
import { checkStore } from "../../src/metadata/checkStore.js";
import type { Domain, RelationField } from "../../src/metadata/model.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { LIMITS, STEWARD } from "../support/testMesh.js";

// Relation filters and orders answered from the source row's own columns where the store enforces
// the foreign key (src/sql/enforcedJoins.ts): only PostgreSQL's validated keys qualify. Over
// tables this test makes, with NULL keys, a key that is not validated, a column with no key at
// all, a row filter and row-level security, the answers must be the join's on every store.

const SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  @domain(name: "ej")

type Team @key(fields: "id") @product(table: "ej_team") {
  id: Int!
  name: String!
  region: String!
}

type Player @key(fields: "id") @product(table: "ej_player") {
  id: Int!
  name: String!
  team: Team @relation(column: ["team_id"])
  coach: Team @relation(column: ["coach_id"])
  rival: Team @relation(column: ["rival_id"])
  league: League @relation(column: ["league_id"])
  "On PostgreSQL a 64-bit key to the team's 32-bit one: a value compared as the source's type is not compared as the target's."
  bigTeam: Team @relation(column: ["big_team_id"])
}

"On PostgreSQL a table with an inheritance child, which its foreign key does not cover."
type Squad @key(fields: "id") @product(table: "ej_squad") {
  id: Int!
  team: Team @relation(column: ["team_id"])
}

"On PostgreSQL a table whose foreign key's checks are switched off."
type Roster @key(fields: "id") @product(table: "ej_roster") {
  id: Int!
  team: Team @relation(column: ["team_id"])
}

type League @key(fields: "id") @product(table: "ej_league") {
  id: Int!
  name: String!
}
`;

const POLICIES = `policies:
  - name: north-teams-only
    rowFilter: { product: ej.Team, where: { region: { _eq: "north" } } }
    when: { groups: [north] }
`;
const NORTH: Identity = { subject: "n", groups: ["north"], purposes: [], attributes: {} };

const TEAMS = [
  { id: 1, name: "Reds", region: "north" },
  { id: 2, name: "Blues", region: "south" },
  { id: 3, name: "Greens", region: "north" },
];
// team_id: a validated key, with NULLs. coach_id: on PostgreSQL a key added NOT VALID over a
// row whose coach does not exist (no key elsewhere). rival_id: no key, a team that does not exist.
const PLAYERS = [
  { id: 1, name: "Ann", team_id: 1, coach_id: 1, rival_id: 2, league_id: 1 },
  { id: 2, name: "Bob", team_id: 2, coach_id: 99, rival_id: 99, league_id: 1 },
  { id: 3, name: "Cid", team_id: null, coach_id: null, rival_id: null, league_id: null },
  { id: 4, name: "Dee", team_id: 3, coach_id: 3, rival_id: 1, league_id: 1 },
  { id: 5, name: "Eve", team_id: null, coach_id: 2, rival_id: 3, league_id: null },
];

describeEachTarget("relation filters on the source's own columns where the store enforces the key", (target) => {
  let knex: Knex;
  let domain: Domain;
  let subgraph: Subgraph;
  const postgres = target.dialect === "postgres";
  const statements: string[] = [];

  beforeAll(async () => {
    knex = openStore(target.stores.sales, process.cwd());
    await dropTables(knex);
    await knex.schema.createTable("ej_team", (t) => {
      t.integer("id").primary();
      t.string("name", 40).notNullable();
      t.string("region", 10).notNullable();
    });
    await knex.schema.createTable("ej_league", (t) => {
      t.integer("id").primary();
      t.string("name", 40).notNullable();
    });
    await knex.schema.createTable("ej_player", (t) => {
      t.integer("id").primary();
      t.string("name", 40).notNullable();
      t.integer("team_id").references("id").inTable("ej_team");
      t.integer("coach_id");
      t.integer("rival_id");
      t.integer("league_id").references("id").inTable("ej_league");
      t.bigInteger("big_team_id");
    });
    for (const table of ["ej_squad", "ej_roster"]) {
      await knex.schema.createTable(table, (t) => {
        t.integer("id").primary();
        t.integer("team_id").references("id").inTable("ej_team");
      });
    }
    await knex("ej_team").insert(TEAMS);
    await knex("ej_league").insert({ id: 1, name: "First" });
    await knex("ej_player").insert(PLAYERS);
    if (postgres) {
      await knex.raw("ALTER TABLE ej_player ADD CONSTRAINT ej_player_coach_fkey FOREIGN KEY (coach_id) REFERENCES ej_team (id) NOT VALID");
      // Row-level security on the target: the key holds, but this connection may not see every row.
      await knex.raw("ALTER TABLE ej_league ENABLE ROW LEVEL SECURITY");
      await knex.raw("ALTER TABLE ej_player ADD CONSTRAINT ej_player_big_team_fkey FOREIGN KEY (big_team_id) REFERENCES ej_team (id)");
      await knex.raw("CREATE TABLE ej_squad_reserve () INHERITS (ej_squad)");
      await knex.raw("ALTER TABLE ej_roster DISABLE TRIGGER ALL");
    }
    const dir = mkdtempSync(join(tmpdir(), "meshql-ej-"));
    writeFileSync(join(dir, "policies.yaml"), POLICIES);
    domain = parseDomain(SDL, "ej.graphql", LIMITS);
    await checkStore(domain, knex);
    const policies = loadPolicies([{ file: join(dir, "policies.yaml"), scope: "global" }], [domain]);
    subgraph = createSubgraph(domain, createStore("ej", knex), { maxDepth: 8, maxCost: 2_000_000 }, policies);
    knex.client.on("query", (q: { sql: string }) => statements.push(q.sql));
  });
  afterAll(async () => {
    if (knex) await dropTables(knex);
    await knex?.destroy();
  });

  /** The players' ids the query answers, and the one statement it ran. */
  async function ask(where: string, identity: Identity = STEWARD, orderBy = "[{id: ASC}]") {
    statements.length = 0;
    const result = (await graphql({ schema: subgraph.schema, source: `{ players(where: ${where}, orderBy: ${orderBy}) { id } }`, contextValue: { identity } })) as ExecutionResult<{ players: { id: number }[] }>;
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    return { ids: result.data!.players.map((p) => p.id), statement: statements[0] };
  }

  const relation = (name: string, type = "Player") => domain.types.get(type)!.fields.get(name) as RelationField;

  it("marks only PostgreSQL's validated keys whose checks hold for every row this reads, values compared alike, as enforced", () => {
    expect(relation("team").join.enforced ?? false).toBe(postgres);
    for (const name of ["coach", "rival", "league", "bigTeam"]) expect(relation(name).join.enforced ?? false, name).toBe(false);
    for (const type of ["Squad", "Roster"]) expect(relation("team", type).join.enforced ?? false, type).toBe(false);
  });

  it("keeps the join where the key's columns differ in type", async () => {
    await knex("ej_player").where({ id: 4 }).update({ big_team_id: 3 });
    const { ids, statement } = await ask(`{bigTeam: {id: {_eq: 3}}}`);
    expect(ids).toEqual([4]);
    expect(statement).toMatch(/EXISTS/);
  });

  it("filters on the key through an enforced key without reading the target, with the join's answers", async () => {
    const cases: [string, number[]][] = [
      [`{team: {id: {_eq: 1}}}`, [1]],
      [`{team: {id: {_in: [1, 2]}}}`, [1, 2]],
      [`{team: {id: {_gt: 1}}}`, [2, 4]],
      [`{team: {}}`, [1, 2, 4]],
      [`{team: {id: {_isNull: true}}}`, []],
      // Negated: a player with no team matches no team, so NOT keeps it, as NOT EXISTS does.
      [`{_not: {team: {id: {_eq: 1}}}}`, [2, 3, 4, 5]],
      [`{_not: {team: {}}}`, [3, 5]],
      [`{_not: {team: {_or: [{id: {_eq: 1}}, {id: {_nin: [2]}}]}}}`, [2, 3, 5]],
      [`{_or: [{team: {id: {_eq: 2}}}, {name: {_eq: "Cid"}}]}`, [2, 3]],
    ];
    for (const [where, ids] of cases) {
      const { ids: answered, statement } = await ask(where);
      expect(answered, where).toEqual(ids);
      expect(statement.includes("ej_team"), where).toBe(!postgres);
    }
  });

  it("keeps the join where the key is not validated, absent, or the target has row-level security", async () => {
    for (const [where, ids] of [
      [`{coach: {id: {_eq: 99}}}`, []],
      [`{_not: {coach: {}}}`, [2, 3]],
      [`{rival: {id: {_eq: 99}}}`, []],
      [`{_not: {rival: {}}}`, [2, 3]],
      [`{league: {id: {_eq: 1}}}`, [1, 2, 4]],
    ] as [string, number[]][]) {
      const { ids: answered, statement } = await ask(where);
      expect(answered, where).toEqual(ids);
      expect(statement, where).toMatch(/EXISTS/);
    }
  });

  it("keeps the join where the filter reads another column, or a row filter applies to the target", async () => {
    const byName = await ask(`{team: {name: {_eq: "Blues"}}}`);
    expect(byName.ids).toEqual([2]);
    expect(byName.statement).toMatch(/EXISTS/);
    const both = await ask(`{team: {id: {_eq: 2}, name: {_eq: "Blues"}}}`);
    expect(both.ids).toEqual([2]);
    expect(both.statement).toMatch(/EXISTS/);
    // Team 2 is in the south: hidden from the north, so no player matches it through the relation.
    const hidden = await ask(`{team: {id: {_eq: 2}}}`, NORTH);
    expect(hidden.ids).toEqual([]);
    expect(hidden.statement).toMatch(/EXISTS/);
    expect((await ask(`{team: {id: {_in: [1, 2]}}}`, NORTH)).ids).toEqual([1]);
  });

  it("orders by the related key from the source's column, NULLs where the join would put them", async () => {
    const desc = await ask(`{}`, STEWARD, `[{team: {id: DESC_NULLS_LAST}}, {id: ASC}]`);
    expect(desc.ids).toEqual([4, 2, 1, 3, 5]);
    const asc = await ask(`{}`, STEWARD, `[{team: {id: ASC_NULLS_FIRST}}, {id: DESC}]`);
    expect(asc.ids).toEqual([5, 3, 1, 2, 4]);
    expect(asc.statement.includes("ej_team")).toBe(!postgres);
    // The name is another column: read from the target.
    const byName = await ask(`{}`, STEWARD, `[{team: {name: ASC}}, {id: ASC}]`);
    expect(byName.statement).toMatch(/ej_team/);
  });
});

async function dropTables(knex: Knex): Promise<void> {
  for (const table of ["ej_squad_reserve", "ej_squad", "ej_roster"]) await knex.schema.dropTableIfExists(table);
  await knex.schema.dropTableIfExists("ej_player");
  await knex.schema.dropTableIfExists("ej_team");
  await knex.schema.dropTableIfExists("ej_league");
}
