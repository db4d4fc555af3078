import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execute, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Identity } from "../../src/identity/Identity.js";
import { checkStore } from "../../src/metadata/checkStore.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { createStore } from "../../src/execute/Store.js";
import { resolveOperationJson, type RequestContext } from "../../src/pipeline.js";
import { planKey } from "../../src/plan/PlanCache.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import { fragmentsOf } from "../../src/server/operationFields.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { LIMITS } from "../support/testMesh.js";

// A root field's answer served as the statement's own JSON text (src/execute/verbatimJson.ts):
// on PostgreSQL where that text is graphql-js's answer byte for byte, never elsewhere; checked
// against graphql-js over tables this test makes, with text no demo row holds.

const SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  @domain(name: "verbatim")

type Author @key(fields: "id") @product(table: "verbatim_author") {
  id: Int!
  name: String!
  bio: String
  small: Int!
  price: Decimal
  flag: Boolean!
  code: ID!
  big: BigInt!
  rating: Float
  "A Decimal over a float column: its sums and averages are the store's doubles, not exact decimals."
  score: Decimal
  cost: Float
  born: DateTime
  secret: String
  "Non-null over a column that holds NULL: graphql-js answers with an error where it is NULL."
  motto: String!
  books: [Book!]! @relation(column: ["author_id"])
}

type Book @key(fields: "id") @product(table: "verbatim_book") {
  id: Int!
  title: String!
  author: Author @relation(column: ["author_id"])
  writer: Author! @relation(column: ["author_id"])
}
`;

const POLICIES = `policies:
  - name: secret-partial
    mask: { field: verbatim.Author.secret, as: partial, keep: 1 }
    unless: { groups: [governance] }
`;

const BIG = "9007199254740993";
// Quotes, backslashes, control characters JSON escapes, some it does not, and non-ASCII text.
const NAMES = ['He said "hi" \\ back', "line\nbreak\ttab\r\u0001\u001f\u007f", "\u2028\u2029 </script> 😀", "Ærøskøbing 東京"];
const AUTHORS = NAMES.map((name, i) => ({
  id: i + 1,
  name,
  bio: i % 2 ? null : `bio ${i}`,
  small: -i,
  price: ["1.5000", "0.0000", "-2.1000", null][i],
  flag: i % 2 === 0,
  big: i === 0 ? BIG : String(-i),
  rating: [0.1 + 0.2, 1e21, 1e-7, null][i],
  score: [1.25, 2.5, null, 4][i],
  cost: ["1.5000", "0.0000", "-2.1000", "12345678.0001"][i],
  born: i === 0 ? "2024-02-29 23:59:59" : null,
  secret: `s${i}`,
  code: i === 0 ? BIG : String(i),
  motto: i % 2 ? null : `motto ${i}`,
}));
const BOOKS = [1, 2, 3, 4, 5, 6].map((id) => ({ id, author_id: (id % 3) + 1, title: `Book "${id}"\n` }));

const GOVERNANCE: Identity = { subject: "steward", groups: ["governance"], purposes: [], attributes: {} };
const READER: Identity = { subject: "reader", groups: [], purposes: [], attributes: {} };

describeEachTarget("a root field's answer as the statement's own JSON", (target) => {
  let knex: Knex;
  let subgraph: Subgraph;
  const postgres = target.dialect === "postgres";

  beforeAll(async () => {
    knex = openStore(target.stores.sales, process.cwd());
    await dropTables(knex);
    await knex.schema.createTable("verbatim_author", (t) => {
      t.integer("id").primary();
      t.text("name").notNullable();
      t.text("bio");
      t.smallint("small").notNullable();
      t.decimal("price", 12, 4);
      t.boolean("flag").notNullable();
      t.bigInteger("big").notNullable();
      t.double("rating");
      t.double("score");
      t.decimal("cost", 12, 4);
      t.timestamp("born", { useTz: false });
      t.text("secret");
      t.bigInteger("code").notNullable();
      t.text("motto");
    });
    await knex.schema.createTable("verbatim_book", (t) => {
      t.integer("id").primary();
      t.integer("author_id").notNullable().references("id").inTable("verbatim_author");
      t.text("title").notNullable();
    });
    await knex("verbatim_author").insert(AUTHORS);
    await knex("verbatim_book").insert(BOOKS);
    const dir = mkdtempSync(join(tmpdir(), "meshql-verbatim-"));
    writeFileSync(join(dir, "policies.yaml"), POLICIES);
    const domain = parseDomain(SDL, "verbatim.graphql", LIMITS);
    await checkStore(domain, knex);
    const policies = loadPolicies([{ file: join(dir, "policies.yaml"), scope: "global" }], [domain]);
    subgraph = createSubgraph(domain, createStore("verbatim", knex), { maxDepth: 8, maxCost: 2_000_000 }, policies);
  });
  afterAll(async () => {
    if (knex) await dropTables(knex);
    await knex?.destroy();
  });

  /** The JSON path's answer and graphql-js's, and whether each root field's text was served as it is. */
  async function both(query: string, identity = GOVERNANCE, variables: Record<string, unknown> = {}) {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
    const fragments: Record<string, FragmentDefinitionNode> = fragmentsOf(document);
    const context = (): RequestContext => ({ identity, requestId: "verbatim" }) as RequestContext;
    const served = await resolveOperationJson(subgraph, operation, fragments, variables, context());
    const expected = await execute({ schema: subgraph.schema, document, variableValues: variables, contextValue: context() });
    const verbatim = (served?.keys ?? []).map((key) => subgraph.plans.get(operation, `${key}\u0000${planKey(variables, identity)}`)?.verbatim ?? null);
    return { served: served?.text, expected, verbatim: verbatim.map((v) => v !== null) };
  }

  const servedAsGraphqlJs = async (query: string, identity?: Identity) => {
    const { served, expected, verbatim } = await both(query, identity);
    expect(expected.errors).toBeUndefined();
    expect(served).toBe(JSON.stringify(expected.data));
    return { verbatim, data: expected.data as Record<string, any> };
  };

  it("serves lists, nested lists, nullable objects, aliases, __typename and one row by key as the store wrote them on PostgreSQL, the same bytes as graphql-js", async () => {
    const { verbatim, data } = await servedAsGraphqlJs(`{
      authors(orderBy: [{id: ASC}]) { id name bio small price cost flag code secret books(orderBy: [{id: DESC}]) { id title author { id name } } }
      first: authors(orderBy: [{id: DESC}], limit: 2, offset: 1) { key: id label: name }
      author(id: 3) { id name books { title } }
      missing: author(id: 99) { id }
      typed: books(orderBy: [{id: ASC}]) { __typename id kind: __typename author { __typename name } }
    }`);
    expect(verbatim).toEqual([postgres, postgres, postgres, postgres, postgres]);
    expect(data.typed[0]).toEqual({ __typename: "Book", id: 1, kind: "Book", author: { __typename: "Author", name: AUTHORS[1].name } });
    expect(data.authors.map((a: { name: string }) => a.name)).toEqual(NAMES);
    expect(data.authors.map((a: { price: string | null }) => a.price)).toEqual(["1.5", "0", "-2.1", null]);
    expect(data.authors.map((a: { cost: number }) => a.cost)).toEqual([1.5, 0, -2.1, 12345678.0001]);
    expect(data.authors[0].code).toBe(BIG);
    expect(data.missing).toBeNull();
  });

  it("parses and writes field by field where the store's text is not graphql-js's: dates, 64-bit integers, masks, non-null objects", async () => {
    const queries = [`{ authors { id born } }`, `{ authors { id big } }`, `{ books { id writer { id } } }`, `{ authors { id books { id writer { __typename } } } }`];
    for (const query of queries) expect((await servedAsGraphqlJs(query)).verbatim, query).toEqual([false]);
    // The mask applies to the reader only: the same document is served as it is to governance.
    const masked = `{ authors(orderBy: [{id: ASC}]) { id secret } }`;
    expect((await servedAsGraphqlJs(masked, READER)).verbatim).toEqual([false]);
    expect((await servedAsGraphqlJs(masked, GOVERNANCE)).verbatim).toEqual([postgres]);
  });

  it("serves floats as JavaScript writes them: exponents are written again, digits as they are", async () => {
    const floats = `{ authors(orderBy: [{id: ASC}]) { id rating } }`;
    const { verbatim, data } = await servedAsGraphqlJs(floats);
    expect(verbatim).toEqual([postgres]);
    expect(data.authors.map((a: { rating: number | null }) => a.rating)).toEqual([0.1 + 0.2, 1e21, 1e-7, null]);
    expect((await servedAsGraphqlJs(`{ authors(where: {id: {_eq: 1}}) { rating } }`)).verbatim).toEqual([postgres]);
  });

  it("writes a row of thousands of fields (aliases), past where one chain of concatenations would overflow the store's parser", async () => {
    const fields = Array.from({ length: 3000 }, (_, i) => `f${i}: ${["id", "name", "price", "flag"][i % 4]}`).join(" ");
    const { verbatim, data } = await servedAsGraphqlJs(`{ authors(orderBy: [{id: ASC}], limit: 2) { ${fields} } }`);
    expect(verbatim).toEqual([postgres]);
    expect(Object.keys(data.authors[0])).toHaveLength(3000);
    expect(data.authors[0].f2999).toBe(true);
  });

  it("serves aggregates, groups and aggregates under a row as the store wrote them on PostgreSQL, the same bytes as graphql-js", async () => {
    const { verbatim, data } = await servedAsGraphqlJs(`{
      authorsAggregate { count sum { price cost } avg { cost } min { id price cost rating name } max { small price cost } }
      authorsGroupBy(by: [flag], orderBy: [{key: {flag: ASC}}]) { key { flag } count sum { price cost } max { id price } }
      none: authorsAggregate(where: {id: {_gt: 99}}) { count sum { price cost } min { price } }
      authors(orderBy: [{id: ASC}]) { id booksAggregate { count max { id } } }
    }`);
    expect(verbatim).toEqual([postgres, postgres, postgres, postgres]);
    // Decimals without trailing zeros; floats over numeric as JavaScript writes them.
    expect(data.authorsAggregate).toMatchObject({ count: 4, sum: { price: "-0.6", cost: 12345677.4001 }, min: { price: "-2.1", cost: -2.1 }, max: { price: "1.5" } });
    expect(data.none).toEqual({ count: 0, sum: { price: null, cost: null }, min: { price: null } });
    expect(data.authorsGroupBy.map((g: { key: { flag: boolean } }) => g.key.flag)).toEqual([false, true]);
  });

  it("writes aggregates through the writer where the store's text is not graphql-js's: long float averages, dates, __typename", async () => {
    // 12345677.4001 / 4: a float average of 13 significant digits, which the writer rounds to 12.
    const { data } = await servedAsGraphqlJs(`{ authorsAggregate { avg { cost } } }`);
    expect(data.authorsAggregate.avg.cost).toBe(3086419.35003);
    // The store computes these as doubles: written through the writer, and no decimal function of PostgreSQL's is asked of them.
    const { data: fromFloats } = await servedAsGraphqlJs(`{ authorsAggregate { sum { score } avg { score } } }`);
    expect(fromFloats.authorsAggregate.sum.score).toBe("7.75");
    for (const query of [
      `{ authorsAggregate { max { born } } }`,
      `{ authorsGroupBy(by: [flag]) { __typename key { flag } count } }`,
      `{ authorsAggregate { sum { big small } } }`,
    ]) {
      expect((await servedAsGraphqlJs(query)).verbatim, query).toEqual([false]);
    }
  });

  it("leaves a non-null field over a column holding NULL to graphql-js and its error", async () => {
    const { served, expected, verbatim } = await both(`{ authors(orderBy: [{id: ASC}]) { id motto } }`);
    expect(served).toBeUndefined();
    expect(verbatim).toEqual([]);
    expect(expected.errors?.[0].message).toMatch(/non-nullable field Author.motto/);
  });

  if (postgres) {
    it("leaves a count of ten digits or more to the writer (graphql-js refuses past 32 bits), and writes a shorter one as it is", async () => {
      const operation = parse(`{ authorsAggregate { count } }`).definitions[0] as OperationDefinitionNode;
      expect(await resolveOperationJson(subgraph, operation, {}, {}, { identity: GOVERNANCE })).toMatchObject({ text: `{"authorsAggregate":{"count":4}}` });
      const writer = subgraph.plans.get(operation, `authorsAggregate\u0000${planKey({}, GOVERNANCE)}`)?.verbatim;
      expect(writer?.([{ j: `{"count":999999999}` }])).toBe(`{"count":999999999}`);
      expect(writer?.([{ j: `{"count":3000000000}` }])).toBeUndefined();
    });

    it("writes a float's negative zero as graphql-js does, and leaves its NaN to graphql-js's error", async () => {
      await knex("verbatim_author").where({ id: 4 }).update({ rating: "-0" });
      try {
        const { data } = await servedAsGraphqlJs(`{ authors(orderBy: [{id: DESC}], limit: 1) { rating } }`);
        expect(data.authors).toEqual([{ rating: -0 }]);
        await knex("verbatim_author").where({ id: 4 }).update({ rating: "NaN" });
        const { served, expected } = await both(`{ authors(orderBy: [{id: DESC}], limit: 1) { rating } }`);
        expect(served).toBeUndefined();
        expect(expected.errors?.[0].message).toMatch(/Float cannot represent/);
      } finally {
        await knex("verbatim_author").where({ id: 4 }).update({ rating: null });
      }
    });

    it("leaves a numeric column's NaN to graphql-js, whose Decimal refuses it", async () => {
      await knex("verbatim_author").where({ id: 4 }).update({ price: "NaN" });
      try {
        const { served, expected } = await both(`{ authors(orderBy: [{id: ASC}]) { id price } }`);
        expect(served).toBeUndefined();
        expect(expected.errors?.[0].message).toMatch(/Decimal needs a decimal number/);
      } finally {
        await knex("verbatim_author").where({ id: 4 }).update({ price: null });
      }
    });
  }
});

async function dropTables(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("verbatim_book");
  await knex.schema.dropTableIfExists("verbatim_author");
}
