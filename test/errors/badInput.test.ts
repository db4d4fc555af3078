import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { postGraphQL } from "../support/servedTestMesh.js";
import { openTestMesh, type Statement, type TestMesh, type TestRun, OPEN } from "../support/testMesh.js";

// Bad input gets a clear GraphQL error with a code and never reaches the store: no statement is
// sent. In process, errors of GraphQL's own validation and variable coercion carry no code (the
// HTTP server adds it); every error meshql raises itself carries BAD_USER_INPUT. Over HTTP each
// gets Apollo's code, and the server goes on answering.

interface BadCase {
  name: string;
  domain: DemoDomain;
  query: string;
  variables?: Record<string, unknown>;
  /** The code in process; undefined where GraphQL validation or coercion refuses (no code there). */
  code?: "BAD_USER_INPUT";
  /** The code over HTTP. */
  http: "GRAPHQL_VALIDATION_FAILED" | "BAD_USER_INPUT" | "GRAPHQL_PARSE_FAILED";
}

const VALIDATION = "GRAPHQL_VALIDATION_FAILED" as const;
const USER = { code: "BAD_USER_INPUT", http: "BAD_USER_INPUT" } as const;
const COERCION = { http: "BAD_USER_INPUT" } as const;

/** An Artist's `{ id albums { id artist { id albums … } } }`, `depth` levels deep (scalars only is 1). */
function deepSelection(depth: number): string {
  let inner = "id";
  // Nested lists ask for few rows, so depth, not the row budget, is what these queries probe.
  for (let level = depth; level > 1; level--) inner = `id ${level % 2 === 0 ? "albums(limit: 5)" : "artist"} { ${inner} }`;
  return `{ ${inner} }`;
}

const deepQuery = (depth: number) => `{ artists(where: {id: {_eq: 1}}) ${deepSelection(depth)} }`;

const CASES: BadCase[] = [
  // Unknown fields and arguments.
  { name: "an unknown field", domain: "catalog", query: `{ tracks { id nope } }`, http: VALIDATION },
  { name: "an unknown root field", domain: "catalog", query: `{ nope }`, http: VALIDATION },
  { name: "another domain's root field", domain: "catalog", query: `{ invoices { id } }`, http: VALIDATION },
  { name: "an unknown argument", domain: "catalog", query: `{ tracks(first: 5) { id } }`, http: VALIDATION },
  { name: "an unknown where field", domain: "catalog", query: `{ tracks(where: {nope: {_eq: 1}}) { id } }`, http: VALIDATION },
  { name: "an unknown operator", domain: "catalog", query: `{ tracks(where: {name: {_regex: "x"}}) { id } }`, http: VALIDATION },
  { name: "_like on an Int", domain: "catalog", query: `{ tracks(where: {id: {_like: "1%"}}) { id } }`, http: VALIDATION },
  { name: "an unknown orderBy field", domain: "catalog", query: `{ tracks(orderBy: [{nope: ASC}]) { id } }`, http: VALIDATION },
  { name: "an unknown direction", domain: "catalog", query: `{ tracks(orderBy: [{name: UP}]) { id } }`, http: VALIDATION },
  { name: "a direction as a string", domain: "catalog", query: `{ tracks(orderBy: [{name: "ASC"}]) { id } }`, http: VALIDATION },
  { name: "an unknown group-by field", domain: "catalog", query: `{ tracksGroupBy(by: [nope]) { count } }`, http: VALIDATION },
  { name: "sum of a text field", domain: "catalog", query: `{ tracksAggregate { sum { name } } }`, http: VALIDATION },
  // Wrong argument types.
  { name: "limit as a string", domain: "catalog", query: `{ tracks(limit: "5") { id } }`, http: VALIDATION },
  { name: "limit as a float", domain: "catalog", query: `{ tracks(limit: 1.5) { id } }`, http: VALIDATION },
  { name: "limit past 32 bits", domain: "catalog", query: `{ tracks(limit: 99999999999) { id } }`, http: VALIDATION },
  { name: "a key as a string", domain: "catalog", query: `{ track(id: "1") { id } }`, http: VALIDATION },
  { name: "a missing key", domain: "catalog", query: `{ track { id } }`, http: VALIDATION },
  { name: "an Int compared with a string", domain: "catalog", query: `{ tracks(where: {id: {_eq: "1"}}) { id } }`, http: VALIDATION },
  { name: "a String compared with an Int", domain: "catalog", query: `{ tracks(where: {name: {_eq: 5}}) { id } }`, http: VALIDATION },
  { name: "a Float compared with a string", domain: "catalog", query: `{ tracks(where: {unitPrice: {_gt: "cheap"}}) { id } }`, http: VALIDATION },
  { name: "a null inside _in", domain: "catalog", query: `{ tracks(where: {name: {_in: ["a", null]}}) { id } }`, http: VALIDATION },
  { name: "a variable of the wrong declared type", domain: "catalog", query: `query($l: String) { tracks(limit: $l) { id } }`, variables: { l: "5" }, http: VALIDATION },
  { name: "a variable of the wrong value type", domain: "catalog", query: `query($l: Int) { tracks(limit: $l) { id } }`, variables: { l: "5" }, ...COERCION },
  { name: "a missing required variable", domain: "catalog", query: `query($id: Int!) { track(id: $id) { id } }`, variables: {}, ...COERCION },
  { name: "a where variable with an unknown field", domain: "catalog", query: `query($w: TrackWhere) { tracks(where: $w) { id } }`, variables: { w: { nope: { _eq: 1 } } }, ...COERCION },
  { name: "an orderBy variable with a bad direction", domain: "catalog", query: `query($o: [TrackOrderBy!]) { tracks(orderBy: $o) { id } }`, variables: { o: [{ name: "asc" }] }, ...COERCION },
  // Pages.
  { name: "limit: -1", domain: "catalog", query: `{ tracks(limit: -1) { id } }`, ...USER },
  { name: "offset: -1", domain: "catalog", query: `{ tracks(offset: -1) { id } }`, ...USER },
  { name: "a nested limit: -1", domain: "catalog", query: `{ albums(limit: 1) { tracks(limit: -1) { id } } }`, ...USER },
  { name: "a nested offset: -1", domain: "catalog", query: `{ albums(limit: 1) { tracks(offset: -1) { id } } }`, ...USER },
  { name: "a group-by limit: -1", domain: "catalog", query: `{ tracksGroupBy(by: [composer], limit: -1) { count } }`, ...USER },
  { name: "a group-by offset: -1", domain: "catalog", query: `{ tracksGroupBy(by: [composer], offset: -1) { count } }`, ...USER },
  { name: "limit: -1 as a variable", domain: "sales", query: `query($l: Int) { invoices(limit: $l) { id } }`, variables: { l: -1 }, ...USER },
  { name: "a limit over Track's maxLimit", domain: "catalog", query: `{ tracks(limit: 10001) { id } }`, ...USER },
  { name: "a limit over the default maximum (Album)", domain: "catalog", query: `{ albums(limit: 10001) { id } }`, ...USER },
  { name: "a limit over the default maximum (Invoice)", domain: "sales", query: `{ invoices(limit: 10001) { id } }`, ...USER },
  { name: "a limit over the default maximum (Customer)", domain: "crm", query: `{ customers(limit: 10001) { id } }`, ...USER },
  { name: "a nested limit over the maximum", domain: "catalog", query: `{ albums(limit: 1) { tracks(limit: 10001) { id } } }`, ...USER },
  { name: "a group-by limit over the maximum", domain: "catalog", query: `{ tracksGroupBy(by: [composer], limit: 10001) { count } }`, ...USER },
  // Depth (the test mesh allows 8).
  { name: "a query 9 deep", domain: "catalog", query: deepQuery(9), ...USER },
  { name: "a query 20 deep", domain: "catalog", query: deepQuery(20), ...USER },
  {
    name: "a query 9 deep through fragments",
    domain: "catalog",
    query: `{ artists(limit: 1) { ...Ar } }
      fragment Ar on Artist { albums { ...Al } }
      fragment Al on Album { artist { albums { artist { albums { artist { albums { artist { albums { id } } } } } } } } }`,
    ...USER,
  },
  {
    name: "entities 9 deep",
    domain: "catalog",
    query: `{ _entities(representations: [{__typename: "Artist", id: 1}]) { ... on Artist ${deepSelection(9)} } }`,
    ...USER,
  },
  // Nulls where a value is needed.
  { name: "_eq: null", domain: "catalog", query: `{ tracks(where: {name: {_eq: null}}) { id } }`, ...USER },
  { name: "_eq: null from a variable", domain: "catalog", query: `query($v: String) { tracks(where: {name: {_eq: $v}}) { id } }`, variables: { v: null }, ...USER },
  { name: "_gt: null on an Int", domain: "catalog", query: `{ tracks(where: {id: {_gt: null}}) { id } }`, ...USER },
  { name: "_in: null", domain: "catalog", query: `{ tracks(where: {name: {_in: null}}) { id } }`, ...USER },
  { name: "_like: null", domain: "catalog", query: `{ tracks(where: {name: {_like: null}}) { id } }`, ...USER },
  { name: "_isNull: null", domain: "catalog", query: `{ tracks(where: {composer: {_isNull: null}}) { id } }`, ...USER },
  { name: "a field's comparison null", domain: "catalog", query: `{ tracks(where: {name: null}) { id } }`, ...USER },
  { name: "_and: null", domain: "catalog", query: `{ tracks(where: {_and: null}) { id } }`, ...USER },
  { name: "a relation filter null", domain: "catalog", query: `{ tracks(where: {album: null}) { id } }`, ...USER },
  { name: "_eq: null in a nested list's where", domain: "catalog", query: `{ albums(limit: 1) { tracks(where: {name: {_eq: null}}) { id } } }`, ...USER },
  { name: "_eq: null in an aggregate's where", domain: "catalog", query: `{ tracksAggregate(where: {name: {_eq: null}}) { count } }`, ...USER },
  { name: "_eq: null in a having", domain: "catalog", query: `{ tracksGroupBy(by: [composer], having: {count: {_gt: null}}) { count } }`, ...USER },
  // _entities.
  { name: "an unknown __typename", domain: "crm", query: `{ _entities(representations: [{__typename: "Nope", id: 1}]) { __typename } }`, ...USER },
  { name: "another domain's __typename", domain: "crm", query: `{ _entities(representations: [{__typename: "Invoice", id: 1}]) { __typename } }`, ...USER },
  { name: "an unresolvable entity stub", domain: "sales", query: `{ _entities(representations: [{__typename: "Track", id: 1}]) { __typename } }`, ...USER },
  { name: "a representation without __typename", domain: "crm", query: `{ _entities(representations: [{id: 1}]) { __typename } }`, ...USER },
  { name: "a representation that is not an object", domain: "crm", query: `{ _entities(representations: ["Customer"]) { __typename } }`, ...USER },
  { name: "a missing key", domain: "crm", query: `{ _entities(representations: [{__typename: "Customer"}]) { ... on Customer { id } } }`, ...USER },
  { name: "a null key", domain: "crm", query: `{ _entities(representations: [{__typename: "Customer", id: null}]) { ... on Customer { id } } }`, ...USER },
  { name: "a key that is not a number", domain: "crm", query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }`, variables: { r: [{ __typename: "Customer", id: "one" }] }, ...USER },
  { name: "a missing key on a stub", domain: "sales", query: `{ _entities(representations: [{__typename: "Customer"}]) { ... on Customer { id } } }`, ...USER },
  { name: "an Int key of 1.5", domain: "crm", query: `{ _entities(representations: [{__typename: "Customer", id: 1.5}]) { ... on Customer { id } } }`, ...USER },
  { name: "an Int key past 32 bits", domain: "crm", query: `{ _entities(representations: [{__typename: "Customer", id: 2147483648}]) { ... on Customer { id } } }`, ...USER },
  { name: "an Int key of 1e300 on a stub", domain: "sales", query: `{ _entities(representations: [{__typename: "Customer", id: 1e300}]) { ... on Customer { id } } }`, ...USER },
  // DateTime.
  { name: "a DateTime literal that is not a date", domain: "sales", query: `{ invoices(where: {invoiceDate: {_gt: "yesterday"}}) { id } }`, code: "BAD_USER_INPUT", http: VALIDATION },
  { name: "a DateTime literal with month 13", domain: "sales", query: `{ invoices(where: {invoiceDate: {_gt: "2021-13-01"}}) { id } }`, code: "BAD_USER_INPUT", http: VALIDATION },
  { name: "a DateTime literal at 25 o'clock", domain: "crm", query: `{ employees(where: {hireDate: {_lt: "2021-01-01T25:00:00Z"}}) { id } }`, code: "BAD_USER_INPUT", http: VALIDATION },
  { name: "a DateTime literal on February 30", domain: "sales", query: `{ invoices(where: {invoiceDate: {_eq: "2021-02-30"}}) { id } }`, code: "BAD_USER_INPUT", http: VALIDATION },
  { name: "a DateTime literal on April 31", domain: "sales", query: `{ invoices(where: {invoiceDate: {_gte: "2021-04-31T00:00:00Z"}}) { id } }`, code: "BAD_USER_INPUT", http: VALIDATION },
  { name: "a DateTime number", domain: "sales", query: `{ invoices(where: {invoiceDate: {_gt: 1609459200}}) { id } }`, code: "BAD_USER_INPUT", http: VALIDATION },
  { name: "a DateTime variable that is not a date", domain: "sales", query: `query($d: DateTime) { invoices(where: {invoiceDate: {_lt: $d}}) { id } }`, variables: { d: "2021-01-01 or later" }, ...USER },
  { name: "a DateTime variable on February 30", domain: "sales", query: `query($d: [DateTime!]) { invoices(where: {invoiceDate: {_in: $d}}) { id } }`, variables: { d: ["2021-02-30T00:00:00Z"] }, ...USER },
  // Group-by keys.
  { name: "a group key not in by", domain: "catalog", query: `{ tracksGroupBy(by: [composer]) { key { name } count } }`, ...USER },
  { name: "a group key with by empty", domain: "sales", query: `{ invoicesGroupBy(by: []) { key { billingCountry } count } }`, ...USER },
  { name: "an aliased group key not in by", domain: "sales", query: `{ invoicesGroupBy(by: [billingCountry]) { key { billingCountry c: billingCity } count } }`, ...USER },
  { name: "a group orderBy key not in by", domain: "catalog", query: `{ tracksGroupBy(by: [composer], orderBy: [{key: {name: ASC}}]) { count } }`, ...USER },
];

/** Nothing an attacker learns the server's insides from: no stack, no source paths, no SQL. */
function expectNoInsides(text: string) {
  expect(text).not.toMatch(/stacktrace|node_modules|\.ts:\d|\.js:\d|\n\s+at /);
  expect(text).not.toMatch(/\bSELECT\b.*\bFROM\b/);
}

describeEachTarget("bad input", (target) => {
  let mesh: TestMesh;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  describe("in process", () => {
    it.each(CASES)("$name: a GraphQL error and no SQL", async ({ domain, query, variables, code }) => {
      const run: TestRun = await mesh.run(domain, query, variables);
      expect(run.result.errors?.length ?? 0).toBeGreaterThan(0);
      expect(run.statements).toEqual([]);
      const data = run.result.data as Record<string, unknown> | null | undefined;
      // Refused before execution (no data), or the root field failed (null).
      expect(data == null || Object.values(data).every((v) => v === null || (Array.isArray(v) && v.every((e) => e === null)))).toBe(true);
      for (const error of run.result.errors ?? []) {
        expect(error.message.length).toBeGreaterThan(10);
        if (code) expect({ message: error.message, code: error.extensions?.code }).toEqual({ message: error.message, code });
      }
    });

    it("the limits' edges are accepted: limit 10000, offset 0, limit 0 and a query 8 deep", async () => {
      for (const [domain, query] of [
        ["catalog", `{ tracks(limit: 10000, offset: 0) { id } }`],
        ["catalog", `{ albums(limit: 100) { id tracks(limit: 10000) { id } } }`],
        ["catalog", `{ tracks(limit: 0) { id } }`],
        ["catalog", deepQuery(8)],
        ["sales", `{ invoicesGroupBy(by: [billingCountry], limit: 10000) { key { billingCountry } count } }`],
      ] as const) {
        const run = await mesh.run(domain, query);
        expect(run.result.errors, query).toBeUndefined();
        expect(run.statements).toHaveLength(1);
      }
      const deep = await mesh.run("catalog", deepQuery(8));
      let level: any = (deep.result.data?.artists as any[])[0];
      for (let depth = 2; depth <= 8; depth++) level = depth % 2 === 0 ? level.albums[0] : level.artist;
      expect(level).toEqual({ id: 1 });
    });

    it("a query that may read more rows than the budget is refused before any SQL", async () => {
      for (const query of [
        `{ albums(limit: 10000) { id tracks(limit: 10000) { id } } }`,
        `{ playlists(limit: 100) { tracks { playlists { tracks { playlists { id } } } } } }`,
      ]) {
        const run = await mesh.run("catalog", query);
        expect(run.result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/may read \d+ rows, over the maximum of 2000000/), extensions: { code: "BAD_USER_INPUT" } });
        expect(run.statements).toEqual([]);
      }
    });

    it("the message says what is wrong", async () => {
      const message = async (domain: DemoDomain, query: string) => (await mesh.run(domain, query)).result.errors?.[0]?.message;
      expect(await message("catalog", `{ tracks(limit: 10001) { id } }`)).toMatch(/limit 10001 .*maximum of 10000.*Track/);
      expect(await message("catalog", `{ tracks(limit: -1) { id } }`)).toMatch(/limit/);
      expect(await message("catalog", `{ tracks(offset: -1) { id } }`)).toMatch(/offset/);
      expect(await message("catalog", deepQuery(9))).toMatch(/depth 9 .*maximum of 8/);
      expect(await message("catalog", `{ tracks(where: {name: {_eq: null}}) { id } }`)).toMatch(/_eq.*null.*_isNull/);
      expect(await message("crm", `{ _entities(representations: [{__typename: "Nope", id: 1}]) { __typename } }`)).toMatch(/Nope/);
      expect(await message("crm", `{ _entities(representations: [{__typename: "Customer"}]) { __typename } }`)).toMatch(/key field id/);
      expect(await message("catalog", `{ tracksGroupBy(by: [composer]) { key { name } count } }`)).toMatch(/name.*not among the grouped fields/);
      expect(await message("sales", `{ invoices(where: {invoiceDate: {_gt: "yesterday"}}) { id } }`)).toMatch(/DateTime.*ISO 8601/);
    });

    it("one bad representation does not fail the good ones beside it", async () => {
      const run = await mesh.run("crm", `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }`, {
        r: [
          { __typename: "Customer", id: 1 },
          { __typename: "Nope", id: 2 },
          { __typename: "Customer" },
          { __typename: "Customer", id: "x" },
          { __typename: "Customer", id: 1.5 },
          { __typename: "Customer", id: 3 },
        ],
      });
      const entities = run.result.data?._entities as ({ id: number } | null)[];
      expect(entities.map((e) => e?.id ?? null)).toEqual([1, null, null, null, null, 3]);
      for (const error of run.result.errors ?? []) expect(error.extensions?.code).toBe("BAD_USER_INPUT");
      // 1.5 is refused, or at least finds nothing; the others are refused.
      expect(run.result.errors?.map((e) => e.path?.[1]).filter((i) => i !== 4)).toEqual([1, 2, 3]);
    });
  });

  describe("over HTTP", () => {
    const servers = {} as Record<DemoDomain, { url: string; stop: () => Promise<void> }>;
    const sent: Statement[] = [];

    beforeAll(async () => {
      for (const domain of DEMO_DOMAINS) {
        mesh.subgraphs[domain].store.knex.on("query", (q: { sql: string; bindings?: unknown[] }) => sent.push({ sql: q.sql, bindings: q.bindings ?? [] }));
        servers[domain] = await serveSubgraph(mesh.subgraphs[domain], { port: 0, verify: OPEN });
      }
    });
    afterAll(async () => {
      await Promise.all(Object.values(servers).map((s) => s.stop()));
    });

    async function expectStillServing(domain: DemoDomain = "catalog") {
      const good = {
        catalog: [`{ tracks(limit: 2, orderBy: [{id: ASC}]) { id } }`, { tracks: [{ id: 1 }, { id: 2 }] }],
        sales: [`{ invoice(id: 1) { id } }`, { invoice: { id: 1 } }],
        crm: [`{ customer(id: 1) { id } }`, { customer: { id: 1 } }],
      } as const;
      const [query, data] = good[domain];
      const response = await postGraphQL(servers[domain].url, { query });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ data });
    }

    it.each(CASES)("$name: Apollo's code, no SQL, and the server goes on", async ({ domain, query, variables, http }) => {
      sent.length = 0;
      const response = await postGraphQL(servers[domain].url, { query, variables });
      expect(response.headers.get("content-type") ?? "").toMatch(/application\/(graphql-response\+)?json/);
      expect(response.json?.errors?.length ?? 0).toBeGreaterThan(0);
      expect(response.json.errors.map((e: any) => e.extensions?.code)).toContain(http);
      for (const error of response.json.errors) expect(error.extensions?.code).toEqual(expect.any(String));
      expectNoInsides(response.text);
      expect(sent).toEqual([]);
      await expectStillServing(domain);
    });

    it("a syntax error is GRAPHQL_PARSE_FAILED: 400 as application/graphql-response+json, 200 as application/json (GraphQL over HTTP)", async () => {
      for (const query of [`{ tracks { id `, `{ tracks(where: {name: {_eq: "x}}) { id } }`, `query { tracks { "alias": id } }`, ``, `}`]) {
        sent.length = 0;
        const response = await postGraphQL(servers.catalog.url, { query }, { accept: "application/graphql-response+json" });
        expect(response.status).toBe(400);
        expect(response.json?.errors?.[0]?.extensions?.code, query).toBe(query ? "GRAPHQL_PARSE_FAILED" : "BAD_REQUEST");
        // A missing query is not a GraphQL request at all: 400 whatever the client accepts.
        expect((await postGraphQL(servers.catalog.url, { query })).status).toBe(query ? 200 : 400);
        expectNoInsides(response.text);
        expect(sent).toEqual([]);
        await expectStillServing();
      }
    });

    it("a malformed JSON body gets a JSON GraphQL error with a code, not an HTML page", async () => {
      for (const body of [`{not json`, `{"query": "{ tracks { id } }"`, `{"query": "{ tracks { id } }"}}`, `'`, `\u0000`]) {
        const response = await postGraphQL(servers.catalog.url, body);
        expect(response.status).toBe(400);
        expect({ body, contentType: response.headers.get("content-type") ?? "" }).toEqual({ body, contentType: expect.stringMatching(/json/) });
        expect(response.json?.errors?.[0]?.extensions?.code, body).toEqual(expect.any(String));
        expectNoInsides(response.text);
        await expectStillServing();
      }
    });

    it("a body that is JSON but not a GraphQL request gets a coded error", async () => {
      for (const body of [`{"query": 5}`, `{}`, `[]`, `"query"`, `{"query": "{ tracks(limit: 1) { id } }", "variables": "{}"}`, `{"query": "{ tracks(limit: 1) { id } }", "variables": [1]}`]) {
        sent.length = 0;
        const response = await postGraphQL(servers.catalog.url, body);
        expect(response.status, body).toBe(400);
        expect(response.json?.errors?.[0]?.extensions?.code, body).toEqual(expect.any(String));
        expectNoInsides(response.text);
        expect(sent).toEqual([]);
        await expectStillServing();
      }
    });

    it("two operations without an operation name get a coded error", async () => {
      sent.length = 0;
      const response = await postGraphQL(servers.catalog.url, { query: `query A { tracks(limit: 1) { id } } query B { albums(limit: 1) { id } }` });
      expect(response.json?.errors?.[0]?.extensions?.code).toBe("OPERATION_RESOLUTION_FAILURE");
      expect(sent).toEqual([]);
      const named = await postGraphQL(servers.catalog.url, {
        query: `query A { tracks(limit: 1) { id } } query B { albums(limit: 1) { id } }`,
        operationName: "B",
      });
      expect(named.json).toEqual({ data: { albums: [{ id: 1 }] } });
    });

    it("a failing root field is reported with its path and code beside good ones", async () => {
      const response = await postGraphQL(servers.catalog.url, {
        query: `{ good: tracks(limit: 1, orderBy: [{id: ASC}]) { id } bad: tracks(limit: -1) { id } count: tracksAggregate { count } }`,
      });
      // Both root fields are non-null lists, so one failure nulls the whole data.
      expect(response.json.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([[["bad"], "BAD_USER_INPUT"]]);
      expectNoInsides(response.text);
      await expectStillServing();
    });
  });
});
