import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionResult } from "graphql";
import { likeToGlob } from "../../src/sql/dialect/sqlite.js";
import { readChinookTable } from "../../src/store/chinookTable.js";
import { DEMO_DOMAINS, DEMO_TABLES, type DemoDomain } from "../../src/store/demoTables.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, type Statement, type TestMesh, type TestRun } from "../support/testMesh.js";

// Hostile strings in every kind of argument are data, never SQL. For each payload and argument
// kind the query either answers what the Chinook data says it should, or fails with a coded
// GraphQL error; the SQL text is exactly the text a harmless value produces (values travel only
// as bindings), and no table loses a row.

// ---------------------------------------------------------------------------------------------
// The payloads
// ---------------------------------------------------------------------------------------------

const LONG = "'; DROP TABLE track; --".repeat(3000); // 69 000 characters

const PAYLOADS: [label: string, value: string][] = [
  ["quote OR 1=1 comment", "' OR 1=1 --"],
  ["quote OR quoted 1=1", "' OR '1'='1"],
  ["double quote DROP TABLE", '"; DROP TABLE invoice; --'],
  ["quote DROP TABLE", "'; DROP TABLE track; --"],
  ["backslash quote OR", "\\' OR '1'='1"],
  ["backslash quote DELETE", "\\'; DELETE FROM customer; --"],
  ["percent quote OR", "%' OR '%'='"],
  ["lone backslash", "\\"],
  ["two backslashes", "\\\\"],
  ["trailing backslash", "C:\\temp\\"],
  ["backslash before final quote", "abc\\'"],
  ["unicode", "Ünïcødé ✓ — 日本語 🎸 \u202e \u2028 ﬁ"],
  ["control characters", "\t\r\n\b\f\u001a\u007f"],
  ["postgres placeholder", "$1"],
  ["postgres placeholders", "$1 OR $2 = $2"],
  ["question mark", "?"],
  ["two question marks", "??"],
  ["knex-escaped question mark", "\\?"],
  ["named parameters", ":name @p1 :1"],
  ["comment breakout", "*/ SELECT 1 /*"],
  ["line comment", "--"],
  ["hash comment", "# comment"],
  ["UNION SELECT", "' UNION SELECT email, 1 FROM customer --"],
  ["UNION ALL SELECT NULL", "1' UNION ALL SELECT NULL, NULL, NULL --"],
  ["stacked query", "1; SELECT pg_sleep(5); --"],
  ["sleep", "' OR SLEEP(5) OR '"],
  ["backtick identifier", "`track`; DROP TABLE `track`; --"],
  ["JSON object", '{"__proto__": {"polluted": true}, "$gt": ""}'],
  ["JSON array", '[1, "two", null]'],
  ["JSON-looking track name", '"?"'], // track 2918 is called exactly this
  ["apostrophes of a real track", "Knockin' On Heaven's Door"], // track 1177
  ["like wildcards", "%_%"],
  ["GLOB metacharacters", "*?[]"],
  ["GLOB class", "[^a-z]*"],
  ["hex literal", "0x27204f5220313d31"],
  ["empty string", ""],
  ["very long", LONG],
];

/** The harmless value each query also runs with: its SQL text is the reference. */
const BENIGN = "benign value";

// ---------------------------------------------------------------------------------------------
// What the Chinook data says the answer is (every store compares text by code point: PostgreSQL
// columns are COLLATE "C", MariaDB's utf8mb4_bin, SQLite's binary).
// ---------------------------------------------------------------------------------------------

type Row = Record<string, any>;

function chinook(table: string): Row[] {
  const { columns, rows } = readChinookTable(table);
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
}

const TRACKS = chinook("track");
const ALBUMS = chinook("album");
const ARTISTS = chinook("artist");
const PLAYLISTS = chinook("playlist");
const PLAYLIST_TRACKS = chinook("playlist_track");
const INVOICES = chinook("invoice");
const INVOICE_LINES = chinook("invoice_line");
const EMPLOYEES = chinook("employee");
const CUSTOMERS = chinook("customer");

const byteCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
type LikeToken = "%" | "_" | { literal: string };

/** A SQL LIKE pattern's tokens, by code point: backslash escapes; a trailing lone backslash is itself. */
const tokenCache = new Map<string, LikeToken[]>();

function likeTokens(pattern: string): LikeToken[] {
  const cached = tokenCache.get(pattern);
  if (cached) return cached;
  const chars = Array.from(pattern);
  const tokens: LikeToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\" && i + 1 < chars.length) tokens.push({ literal: chars[++i] });
    else if (c === "%" || c === "_") tokens.push(c);
    else tokens.push({ literal: c });
  }
  tokenCache.set(pattern, tokens);
  return tokens;
}

/** LIKE matching (greedy with backtracking to the last `%`), chars compared by `same`. */
function likeMatch(value: string, pattern: string, same: (a: string, b: string) => boolean): boolean {
  const v = Array.from(value);
  const p = likeTokens(pattern);
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < v.length) {
    const t = p[j];
    if (j < p.length && (t === "_" || (typeof t === "object" && same(v[i], t.literal)))) {
      i++;
      j++;
    } else if (j < p.length && t === "%") {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (j < p.length && p[j] === "%") j++;
  return j === p.length;
}

const exact = (a: string, b: string) => a === b;
const asciiFold = (a: string, b: string) => a.replace(/[A-Z]/, (c) => c.toLowerCase()) === b.replace(/[A-Z]/, (c) => c.toLowerCase());
const unicodeFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();

const like = (value: unknown, pattern: string) => typeof value === "string" && likeMatch(value, pattern, exact);
/** `_ilike` as the least case folding any store does (ASCII only, as SQLite's LIKE)… */
const ilikeAscii = (value: unknown, pattern: string) => typeof value === "string" && likeMatch(value, pattern, asciiFold);
/** …and as the most (Unicode). */
const ilikeUnicode = (value: unknown, pattern: string) => typeof value === "string" && likeMatch(value, pattern, unicodeFold);

const ids = (rows: Row[], key: string) => rows.map((r) => r[key] as number).sort((a, b) => a - b);
const sortedIds = (list: unknown) => (list as { id: number }[]).map((r) => r.id).sort((a, b) => a - b);

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/** A GraphQL string literal for the payload (JSON's escapes are GraphQL's). */
const gqlString = (value: string) => JSON.stringify(value);

const sqlTexts = (run: TestRun) => run.statements.map((s) => s.sql).sort();

/**
 * The hostile run's SQL text is the benign run's, character for character: the value changed
 * nothing but the bindings. Where the payload is not a fragment of that text anyway (`?`, `'`),
 * it does not appear in it at all.
 */
/** Either the statement's text is the benign one's, or the input was refused before its SQL. */
function expectSameSqlText(benign: TestRun, hostile: TestRun, payload: string) {
  expect(benign.statements.length).toBeGreaterThan(0);
  if (hostile.result.errors) {
    // A refused root field sends nothing; the others of the operation may already have run, each
    // with the benign run's text.
    expect(hostile.result.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    for (const text of sqlTexts(hostile)) expect(sqlTexts(benign)).toContain(text);
    return;
  }
  expect(sqlTexts(hostile)).toEqual(sqlTexts(benign));
  const inBenignText = payload === "" || benign.statements.some((s) => s.sql.includes(payload));
  if (!inBenignText) for (const s of hostile.statements) expect(s.sql).not.toContain(payload);
}

const allBindings = (statements: Statement[]) => statements.flatMap((s) => s.bindings);

/** A `_like` pattern as meshql binds it: a lone trailing backslash is escaped to stand for itself. */
const likeBinding = (pattern: string) => ((pattern.match(/\\+$/)?.[0].length ?? 0) % 2 === 1 ? `${pattern}\\` : pattern);

/** The value travels as a binding; an input refused before any SQL has nothing to bind. */
function expectBound(statements: Statement[], value: unknown, result?: ExecutionResult) {
  if (statements.length === 0 && result) {
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    return;
  }
  expect(allBindings(statements)).toContainEqual(value);
}

/** The store's own message behind each error, for a failing assertion's report. */
const causes = (result: ExecutionResult) =>
  (result.errors ?? []).map((e) => `${e.message}: ${(e.originalError as any)?.originalError?.message ?? e.originalError?.message ?? ""}`.slice(0, 300)).join("; ");

/** Errors the caller causes carry BAD_USER_INPUT; never a store's INTERNAL_SERVER_ERROR. */
function expectOnlyUserErrors(result: ExecutionResult) {
  for (const error of result.errors ?? []) {
    expect({ message: error.message, code: error.extensions?.code }, causes(result)).toEqual({ message: error.message, code: "BAD_USER_INPUT" });
  }
}

/** Refused before any SQL: a GraphQL error (coercion or validation), no data, no statement. */
function expectRefused(run: TestRun) {
  expect(run.result.errors?.length ?? 0).toBeGreaterThan(0);
  expect(run.result.data ?? null).toBeNull();
  expect(run.statements).toEqual([]);
}

async function tableCounts(stores: Record<DemoDomain, string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const domain of DEMO_DOMAINS) {
    const knex = openStore(stores[domain], process.cwd());
    try {
      for (const table of DEMO_TABLES[domain]) {
        const [row] = await knex(table).count({ n: "*" });
        counts[table] = Number(row.n);
      }
    } finally {
      await knex.destroy();
    }
  }
  return counts;
}

const SEEDED = Object.fromEntries(
  DEMO_DOMAINS.flatMap((d) => DEMO_TABLES[d].map((t) => [t, readChinookTable(t).rows.length])),
);

// ---------------------------------------------------------------------------------------------

describeEachTarget("hostile input is data, never SQL", (target) => {
  let mesh: TestMesh;
  let countsBefore: Record<string, number>;
  const sqlite = target.dialect === "sqlite";

  beforeAll(async () => {
    countsBefore = await tableCounts(target.stores);
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  /** Runs the query with the benign value and the payload as `$p`. */
  async function both(domain: DemoDomain, query: string, payload: unknown, benign: unknown = BENIGN) {
    const safe = await mesh.run(domain, query, { p: benign });
    expect(safe.result.errors, causes(safe.result)).toBeUndefined();
    const hostile = await mesh.run(domain, query, { p: payload });
    return { safe, hostile };
  }

  it("starts from the seeded tables", () => {
    expect(countsBefore).toEqual(SEEDED);
  });

  describe.each(PAYLOADS)("%s", (_label, payload) => {
    it("as _eq, _neq, _gt, _gte, _lt and _lte", async () => {
      const query = `query($p: String!) {
        eq: tracks(where: {name: {_eq: $p}}, limit: 10000) { id }
        neq: tracksAggregate(where: {name: {_neq: $p}}) { count }
        gt: tracksAggregate(where: {name: {_gt: $p}}) { count }
        gte: tracksAggregate(where: {name: {_gte: $p}}) { count }
        lt: tracksAggregate(where: {composer: {_lt: $p}}) { count }
        lte: tracksAggregate(where: {composer: {_lte: $p}}) { count }
      }`;
      const { safe, hostile } = await both("catalog", query, payload);
      expect(hostile.result.errors, causes(hostile.result)).toBeUndefined();
      const composers = TRACKS.filter((t) => t.composer !== null);
      expect(hostile.result.data).toEqual({
        eq: ids(TRACKS.filter((t) => t.name === payload), "track_id").map((id) => ({ id })),
        neq: { count: TRACKS.filter((t) => t.name !== payload).length },
        gt: { count: TRACKS.filter((t) => byteCompare(t.name, payload) > 0).length },
        gte: { count: TRACKS.filter((t) => byteCompare(t.name, payload) >= 0).length },
        lt: { count: composers.filter((t) => byteCompare(t.composer, payload) < 0).length },
        lte: { count: composers.filter((t) => byteCompare(t.composer, payload) <= 0).length },
      });
      expectSameSqlText(safe, hostile, payload);
      expectBound(hostile.statements, payload, hostile.result);
    });

    it("as an inline string literal", async () => {
      const query = (p: string) => `{ tracks(where: {_or: [{name: {_eq: ${gqlString(p)}}}, {composer: {_neq: ${gqlString(p)}, _like: ${gqlString(p)}}}]}, limit: 10000) { id } }`;
      const safe = await mesh.run("catalog", query(BENIGN));
      const hostile = await mesh.run("catalog", query(payload));
      expectOnlyUserErrors(hostile.result);
      if (!hostile.result.errors) {
        const expected = TRACKS.filter((t) => t.name === payload || (t.composer !== null && t.composer !== payload && like(t.composer, payload)));
        expect(sortedIds(hostile.result.data?.tracks)).toEqual(ids(expected, "track_id"));
      }
      expectSameSqlText(safe, hostile, payload);
    });

    it("as a _like pattern", async () => {
      const query = `query($p: String!) { tracks(where: {name: {_like: $p}}, limit: 10000) { id } }`;
      const { safe, hostile } = await both("catalog", query, payload);
      expectOnlyUserErrors(hostile.result);
      if (!hostile.result.errors) {
        expect(sortedIds(hostile.result.data?.tracks)).toEqual(ids(TRACKS.filter((t) => like(t.name, payload)), "track_id"));
      }
      expectSameSqlText(safe, hostile, payload);
      expectBound(hostile.statements, sqlite ? likeToGlob(likeBinding(payload)) : likeBinding(payload), hostile.result);
    });

    it("as an _ilike pattern", async () => {
      const query = `query($p: String!) { tracks(where: {name: {_ilike: $p}}, limit: 10000) { id } }`;
      const { safe, hostile } = await both("catalog", query, payload);
      expectOnlyUserErrors(hostile.result);
      if (!hostile.result.errors) {
        const found = new Set(sortedIds(hostile.result.data?.tracks));
        for (const t of TRACKS.filter((t) => ilikeAscii(t.name, payload))) expect(found).toContain(t.track_id);
        const most = new Set(TRACKS.filter((t) => ilikeUnicode(t.name, payload)).map((t) => t.track_id));
        for (const id of found) expect(most).toContain(id);
      }
      expectSameSqlText(safe, hostile, payload);
      expectBound(hostile.statements, likeBinding(payload), hostile.result);
    });

    it("in nested relation filters and nested list arguments", async () => {
      const query = `query($p: String!) {
        byTrack: albums(where: {tracks: {name: {_eq: $p}}}, limit: 10000) { id }
        byAlbum: tracks(where: {album: {title: {_like: $p}}}, limit: 10000) { id }
        byPlaylist: tracks(where: {playlists: {name: {_eq: $p}}}, limit: 10000) { id }
        twoLevels: artists(where: {albums: {tracks: {composer: {_eq: $p}}}}, limit: 10000) { id }
        nested: artists(where: {id: {_lte: 3}}, orderBy: [{id: ASC}]) {
          id albums(where: {title: {_eq: $p}}) { id } albumsAggregate(where: {title: {_neq: $p}}) { count }
        }
      }`;
      const { safe, hostile } = await both("catalog", query, payload);
      expectOnlyUserErrors(hostile.result);
      if (!hostile.result.errors) {
        const albumIds = (pred: (a: Row) => boolean) => new Set(ALBUMS.filter(pred).map((a) => a.album_id));
        const withTrack = new Set(TRACKS.filter((t) => t.name === payload).map((t) => t.album_id));
        const likeAlbums = albumIds((a) => like(a.title, payload));
        const playlists = new Set(PLAYLISTS.filter((p) => p.name === payload).map((p) => p.playlist_id));
        const inPlaylist = new Set(PLAYLIST_TRACKS.filter((pt) => playlists.has(pt.playlist_id)).map((pt) => pt.track_id));
        const composerAlbums = new Set(TRACKS.filter((t) => t.composer === payload).map((t) => t.album_id));
        const composerArtists = new Set(ALBUMS.filter((a) => composerAlbums.has(a.album_id)).map((a) => a.artist_id));
        expect(hostile.result.data).toEqual({
          byTrack: ids(ALBUMS.filter((a) => withTrack.has(a.album_id)), "album_id").map((id) => ({ id })),
          byAlbum: ids(TRACKS.filter((t) => likeAlbums.has(t.album_id)), "track_id").map((id) => ({ id })),
          byPlaylist: ids(TRACKS.filter((t) => inPlaylist.has(t.track_id)), "track_id").map((id) => ({ id })),
          twoLevels: ids(ARTISTS.filter((a) => composerArtists.has(a.artist_id)), "artist_id").map((id) => ({ id })),
          nested: [1, 2, 3].map((artist) => {
            const own = ALBUMS.filter((a) => a.artist_id === artist);
            return {
              id: artist,
              albums: ids(own.filter((a) => a.title === payload), "album_id").map((id) => ({ id })),
              albumsAggregate: { count: own.filter((a) => a.title !== payload).length },
            };
          }),
        });
      }
      expectSameSqlText(safe, hostile, payload);
      expectBound(hostile.statements, payload, hostile.result);
    });

    it("in the sales and crm domains' relation filters", async () => {
      const sales = `query($p: String!) { invoices(where: {_or: [
          {billingCountry: {_eq: $p}}, {billingCity: {_like: $p}}, {lines: {invoice: {billingState: {_eq: $p}}}}]}, limit: 10000) { id } }`;
      const s = await both("sales", sales, payload);
      expectOnlyUserErrors(s.hostile.result);
      if (!s.hostile.result.errors) {
        const withLines = new Set(INVOICE_LINES.map((l) => l.invoice_id));
        const expected = INVOICES.filter(
          (i) => i.billing_country === payload || like(i.billing_city, payload) || (withLines.has(i.invoice_id) && i.billing_state === payload),
        );
        expect(sortedIds(s.hostile.result.data?.invoices)).toEqual(ids(expected, "invoice_id"));
      }
      expectSameSqlText(s.safe, s.hostile, payload);
      expectBound(s.hostile.statements, payload, s.hostile.result);

      const crm = `query($p: String!) { customers(where: {supportRep: {_or: [
          {email: {_eq: $p}}, {reportsTo: {title: {_ilike: $p}}}]}}, limit: 10000) { id } }`;
      const c = await both("crm", crm, payload);
      expectOnlyUserErrors(c.hostile.result);
      if (!c.hostile.result.errors) {
        const employee = new Map(EMPLOYEES.map((e) => [e.employee_id, e]));
        const fewest = CUSTOMERS.filter((cu) => {
          const rep = employee.get(cu.support_rep_id);
          const boss = rep && employee.get(rep.reports_to);
          return rep && (rep.email === payload || (boss && ilikeAscii(boss.title, payload)));
        });
        const most = CUSTOMERS.filter((cu) => {
          const rep = employee.get(cu.support_rep_id);
          const boss = rep && employee.get(rep.reports_to);
          return rep && (rep.email === payload || (boss && ilikeUnicode(boss.title, payload)));
        });
        const found = sortedIds(c.hostile.result.data?.customers);
        for (const id of ids(fewest, "customer_id")) expect(found).toContain(id);
        for (const id of found) expect(ids(most, "customer_id")).toContain(id);
      }
      expectSameSqlText(c.safe, c.hostile, payload);
      expectBound(c.hostile.statements, payload, c.hostile.result);
    });

    it("in a group-by's where and having", async () => {
      const query = `query($p: String!) { tracksGroupBy(by: [composer], where: {composer: {_neq: $p}},
          having: {min: {name: {_eq: $p}}}, limit: 10000) { key { composer } count } }`;
      const { safe, hostile } = await both("catalog", query, payload);
      expect(hostile.result.errors, causes(hostile.result)).toBeUndefined();
      const groups = new Map<string, Row[]>();
      for (const t of TRACKS.filter((t) => t.composer !== null && t.composer !== payload)) {
        groups.set(t.composer, [...(groups.get(t.composer) ?? []), t]);
      }
      const expected = [...groups]
        .sort(([a], [b]) => byteCompare(a, b))
        .filter(([, tracks]) => tracks.map((t) => t.name as string).sort(byteCompare)[0] === payload)
        .map(([composer, tracks]) => ({ key: { composer }, count: tracks.length }));
      expect(hostile.result.data?.tracksGroupBy).toEqual(expected);
      expectSameSqlText(safe, hostile, payload);
      expectBound(hostile.statements, payload, hostile.result);
    });

    it("in _in and _nin lists", async () => {
      const query = `query($p: [String!]!) {
        in: tracks(where: {name: {_in: $p}}, limit: 10000) { id }
        nin: tracksAggregate(where: {composer: {_nin: $p}}) { count }
      }`;
      const list = [payload, "Balls to the Wall", payload.toUpperCase()];
      const { safe, hostile } = await both("catalog", query, list, [BENIGN, "Balls to the Wall", BENIGN]);
      expect(hostile.result.errors, causes(hostile.result)).toBeUndefined();
      expect(hostile.result.data).toEqual({
        in: ids(TRACKS.filter((t) => list.includes(t.name)), "track_id").map((id) => ({ id })),
        nin: { count: TRACKS.filter((t) => t.composer !== null && !list.includes(t.composer)).length },
      });
      expectSameSqlText(safe, hostile, payload);
      expectBound(hostile.statements, payload, hostile.result);
    });

    it("as __typename of an _entities representation", async () => {
      const query = `query($p: [_Any!]!) { _entities(representations: $p) { ... on Customer { id } } }`;
      const hostile = await mesh.run("crm", query, { p: [{ __typename: payload, id: 1 }] });
      expect(hostile.result.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      expect(hostile.statements).toEqual([]);

      const inline = await mesh.run(
        "crm",
        `{ _entities(representations: [{__typename: ${gqlString(payload)}, id: 1}]) { ... on Customer { id } } }`,
      );
      expect(inline.result.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      expect(inline.statements).toEqual([]);
    });

    it("as the key of an _entities representation, beside a good one", async () => {
      const query = `query($p: [_Any!]!) { _entities(representations: $p) { ... on Customer { id firstName } } }`;
      for (const domain of ["crm", "sales"] as const) {
        const fields = domain === "crm" ? "id firstName" : "id";
        const q = query.replace("id firstName", fields);
        const run = await mesh.run(domain, q, { p: [{ __typename: "Customer", id: payload }, { __typename: "Customer", id: 5 }] });
        expectOnlyUserErrors(run.result);
        const entities = run.result.data?._entities as ({ id: number } | null)[];
        expect(entities[1]?.id).toBe(5);
        // A string that is an Int names that key (and is bound as the number): crm has no such
        // customer, sales's Customer is a stub that answers any key. Anything else is refused,
        // for that representation only.
        const asNumber = Number(payload);
        if (/^-?\d{1,10}$/.test(payload) && Math.abs(asNumber) < 2 ** 31) {
          expect(run.result.errors).toBeUndefined();
          expect(entities[0]).toEqual(domain === "crm" ? null : { id: asNumber });
          expectBound(run.statements, asNumber);
        } else {
          // Not a key: no such entity (null), refused or not, and only that representation.
          expect(entities[0]).toBeNull();
          for (const error of run.result.errors ?? []) expect(error.path).toEqual(["_entities", 0]);
        }
        for (const s of run.statements) {
          if (payload.length > 2) expect(s.sql).not.toContain(payload);
          expect(s.bindings).not.toContainEqual(payload);
        }

        const inline = await mesh.run(
          domain,
          `{ _entities(representations: [{__typename: "Customer", id: ${gqlString(payload)}}]) { ... on Customer { ${fields} } } }`,
        );
        expectOnlyUserErrors(inline.result);
        for (const s of inline.statements) expect(s.bindings).not.toContainEqual(payload);
      }
    });

    it("as a value of a non-string argument: refused by GraphQL coercion before any SQL", async () => {
      const cases: [DemoDomain, string, unknown][] = [
        ["catalog", `query($p: Int!) { track(id: $p) { id } }`, payload],
        ["catalog", `query($p: Int) { tracks(where: {id: {_eq: $p}}) { id } }`, payload],
        ["catalog", `query($p: [Int!]) { tracks(where: {id: {_in: $p}}) { id } }`, [1, payload]],
        ["catalog", `query($p: Float) { tracks(where: {unitPrice: {_gt: $p}}) { id } }`, payload],
        ["catalog", `query($p: Int) { tracks(limit: $p) { id } }`, payload],
        ["catalog", `query($p: Int) { albums { tracks(offset: $p) { id } } }`, payload],
        ["catalog", `query($p: Boolean) { tracks(where: {composer: {_isNull: $p}}) { id } }`, payload],
        ["crm", `query($p: [DateTime!]) { employees(where: {hireDate: {_in: $p}}) { id } }`, [payload]],
        // Enum-looking input: directions, grouped fields and input field names are not strings.
        ["catalog", `query($p: [TrackOrderBy!]) { tracks(orderBy: $p) { id } }`, [{ name: payload }]],
        ["catalog", `query($p: [TrackOrderBy!]) { tracks(orderBy: $p) { id } }`, [{ [payload]: "ASC" }]],
        ["catalog", `query($p: [TrackField!]!) { tracksGroupBy(by: $p) { count } }`, [payload]],
        ["catalog", `query($p: [TrackGroupOrderBy!]) { tracksGroupBy(by: [name], orderBy: $p) { count } }`, [{ key: { name: payload } }]],
        ["catalog", `query($p: TrackWhere) { tracks(where: $p) { id } }`, { [payload]: { _eq: 1 } }],
        ["catalog", `query($p: TrackWhere) { tracks(where: $p) { id } }`, { name: { [payload]: "x" } }],
      ];
      // A valid value with the payload appended (the empty payload would leave it valid).
      if (payload !== "") {
        cases.push(
          ["sales", `query($p: DateTime) { invoices(where: {invoiceDate: {_lt: $p}}) { id } }`, `2021-01-01${payload}`],
          ["sales", `query($p: DateTime) { invoices(where: {invoiceDate: {_lt: $p}}) { id } }`, `2021-01-01T00:00:00Z${payload}`],
          ["catalog", `query($p: [TrackOrderBy!]) { tracks(orderBy: $p) { id } }`, [{ name: `ASC${payload}` }]],
          ["catalog", `query($p: [TrackOrderBy!]) { tracks(orderBy: $p) { id } }`, [{ album: { [`title${payload}`]: "ASC" } }]],
          ["catalog", `query($p: [TrackField!]!) { tracksGroupBy(by: $p) { count } }`, [`name${payload}`]],
        );
      }
      for (const [domain, query, value] of cases) {
        const run = await mesh.run(domain, query, { p: value });
        expectRefused(run);
      }
      // The same as literals in the document: refused by validation.
      const literals = [
        `{ track(id: ${gqlString(payload)}) { id } }`,
        `{ tracks(limit: ${gqlString(payload)}) { id } }`,
        `{ tracks(orderBy: [{name: ${gqlString(payload)}}]) { id } }`,
        `{ tracksGroupBy(by: [${gqlString(payload)}]) { count } }`,
      ];
      for (const query of literals) expectRefused(await mesh.run("catalog", query));
    });
  });

  describe("aliases", () => {
    const ALIASES = [
      "SELECT",
      "DROP_TABLE_track",
      "OR_1_1",
      "UNION_SELECT_email",
      "DELETE",
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "toString",
      `long_${"x".repeat(300)}`,
    ];
    const query = (a: string[]) => `{ tracks(where: {id: {_eq: 1}}) {
        ${a[0]}: id ${a[1]}: name ${a[2]}: composer ${a[3]}: album { ${a[4]}: title }
        ${a[5]}: milliseconds ${a[6]}: bytes ${a[7]}: playlistsAggregate { ${a[8]}: count } ${a[9]}: unitPrice } }`;

    it("that look like SQL reach the statement only as quoted JSON keys", async () => {
      const plain = ALIASES.map((_, i) => `alias${i}`);
      const safe = await mesh.run("catalog", query(plain));
      const hostile = await mesh.run("catalog", query(ALIASES));
      expect(hostile.result.errors, causes(hostile.result)).toBeUndefined();
      expect(hostile.statements).toHaveLength(1);
      // Exactly the plain statement, with the 'aliasN' literals (or, in PostgreSQL's rows, the
      // '"aliasN":' keys) renamed.
      let expected = safe.statements[0].sql;
      plain.forEach((p, i) => (expected = expected.replace(`'${p}'`, `'${ALIASES[i]}'`).replace(`"${p}":`, `"${ALIASES[i]}":`)));
      expect(hostile.statements[0].sql).toBe(expected);
      expect(hostile.statements[0].bindings).toEqual(safe.statements[0].bindings);
      const track = (hostile.result.data?.tracks as Row[])[0];
      expect(Object.keys(track)).toEqual([ALIASES[0], ALIASES[1], ALIASES[2], ALIASES[3], ALIASES[5], ALIASES[6], ALIASES[7], ALIASES[9]]);
      expect(track).toMatchObject({
        SELECT: 1,
        DROP_TABLE_track: "For Those About To Rock (We Salute You)",
        OR_1_1: "Angus Young, Malcolm Young, Brian Johnson",
        UNION_SELECT_email: { DELETE: "For Those About To Rock We Salute You" },
        [ALIASES[9]]: 0.99,
      });
      // Own data properties, not the object's prototype or methods.
      const own = (key: string) => Object.getOwnPropertyDescriptor(track, key)?.value;
      expect(own("__proto__")).toBe(343719);
      expect(own("constructor")).toBe(11170334);
      expect(own("hasOwnProperty")).toEqual({ toString: PLAYLIST_TRACKS.filter((pt) => pt.track_id === 1).length });
      expect(({} as Row).polluted).toBeUndefined();
    });

    it("in a group-by's key and aggregates too", async () => {
      const run = await mesh.run(
        "catalog",
        `{ tracksGroupBy(by: [composer], where: {composer: {_eq: "AC/DC"}}) { WHERE: key { FROM: composer } LIMIT: count ORDER: max { BY: milliseconds } } }`,
      );
      expect(run.result.errors).toBeUndefined();
      const acdc = TRACKS.filter((t) => t.composer === "AC/DC");
      expect(run.result.data?.tracksGroupBy).toEqual([
        { WHERE: { FROM: "AC/DC" }, LIMIT: acdc.length, ORDER: { BY: Math.max(...acdc.map((t) => t.milliseconds)) } },
      ]);
      for (const alias of ["WHERE", "FROM", "LIMIT", "ORDER", "BY"]) expect(run.statements[0].sql).toMatch(new RegExp(`'${alias}'|"${alias}":`));
    });

    it("that are not GraphQL names are refused by the parser", async () => {
      for (const query of [
        `{ tracks { "x'; DROP TABLE track; --": id } }`,
        `{ tracks { x-y: id } }`,
        `{ tracks { 'x': id } }`,
        `{ tracks { x/**/y: id } }`,
        `{ tracks { \`x\`: id } }`,
      ]) {
        expectRefused(await mesh.run("catalog", query));
      }
    });
  });

  describe("LIKE metacharacters", () => {
    const cases: [field: string, product: "tracks" | "customers", op: "_like" | "_ilike", pattern: string, expected: number[]][] = [
      // `\%` and `\_` match the characters themselves.
      ["name", "tracks", "_like", "100\\% %", [2242]],
      ["name", "tracks", "_like", "%\\%", [3166]],
      ["name", "tracks", "_like", "%\\%%", [2242, 3166]],
      ["name", "tracks", "_ilike", "%\\%%", [2242, 3166]],
      ["name", "tracks", "_ilike", "100\\% hardcore", [2242]],
      ["email", "customers", "_like", "%\\_%", [8, 43, 45, 50, 52, 59]],
      ["email", "customers", "_ilike", "%\\_%@APPLE%", [8, 43, 45]],
      ["email", "customers", "_like", "daan\\_peeters@apple.be", [8]],
      ["email", "customers", "_like", "daan\\_peeters@apple\\.be", [8]],
      // `\\` is one literal backslash.
      ["name", "tracks", "_like", "%\\\\%", [3435, 3448, 3485, 3499]],
      ["name", "tracks", "_like", "Cavalleria Rusticana \\\\ Act \\\\ Intermezzo Sinfonico", [3435]],
      // GLOB's metacharacters (SQLite implements case-sensitive _like with GLOB) are literal.
      ["name", "tracks", "_like", "[Untitled]", [2505]],
      ["name", "tracks", "_like", "[%", [2505, 3273]],
      ["name", "tracks", "_like", "[U]%", []],
      ["name", "tracks", "_like", "[^a]%", []],
      ["name", "tracks", "_like", "F*%", [2164, 3469]],
      ["name", "tracks", "_like", "F*C%", [2164]],
      ["name", "tracks", "_like", "F**k Me Pumps", [3469]],
      ["name", "tracks", "_like", "*", []],
      ["name", "tracks", "_like", "?", []],
      ["name", "tracks", "_like", '"?"', [2918]],
      ["name", "tracks", "_like", '"_"', [2918]],
      ["name", "tracks", "_like", "%]", TRACKS.filter((t) => t.name.endsWith("]")).map((t) => t.track_id)],
      ["name", "tracks", "_like", "%?", TRACKS.filter((t) => t.name.endsWith("?")).map((t) => t.track_id)],
      ["name", "tracks", "_ilike", "[untitled]", [2505]],
      ["name", "tracks", "_ilike", "f*ckin%", [2164]],
      ["name", "tracks", "_ilike", "%?", TRACKS.filter((t) => t.name.endsWith("?")).map((t) => t.track_id)],
      // And the wildcards still work.
      ["email", "customers", "_like", "%_%", CUSTOMERS.map((c) => c.customer_id)],
      ["name", "tracks", "_like", "Knockin_ On Heaven_s Door", [1177]],
      ["name", "tracks", "_like", "Knockin%Heaven%Door", [904, 1177]],
      ["name", "tracks", "_like", "knockin%", []],
      ["name", "tracks", "_ilike", "knockin%heaven%door", [904, 1177]],
    ];

    it.each(cases)("%s %s %s %j", async (field, product, op, pattern, expected) => {
      const domain = product === "tracks" ? "catalog" : "crm";
      const run = await mesh.run(domain, `query($p: String!) { ${product}(where: {${field}: {${op}: $p}}, limit: 10000) { id } }`, {
        p: pattern,
      });
      expect(run.result.errors).toBeUndefined();
      expect(sortedIds(run.result.data?.[product])).toEqual([...expected].sort((a, b) => a - b));
      expect(run.statements).toHaveLength(1);
      expectBound(run.statements, sqlite && op === "_like" ? likeToGlob(pattern) : pattern);
    });

    it("agree with the JavaScript model of LIKE used for the payloads", () => {
      for (const [field, product, op, pattern, expected] of cases) {
        const rows = product === "tracks" ? TRACKS : CUSTOMERS;
        const key = product === "tracks" ? "track_id" : "customer_id";
        const column = field === "name" ? "name" : "email";
        const match = op === "_like" ? like : ilikeAscii;
        expect(ids(rows.filter((r) => match(r[column], pattern)), key), `${op} ${pattern}`).toEqual([...expected].sort((a, b) => a - b));
      }
    });

    it("a pattern ending in a lone backslash is a literal backslash or a BAD_USER_INPUT, on every store", async () => {
      for (const op of ["_like", "_ilike"]) {
        for (const pattern of ["Cavalleria Rusticana \\", "%\\", "\\"]) {
          const run = await mesh.run("catalog", `query($p: String!) { tracks(where: {name: {${op}: $p}}) { id } }`, { p: pattern });
          expectOnlyUserErrors(run.result);
          if (!run.result.errors) expect(run.result.data?.tracks, `${op} ${pattern}`).toEqual([]);
        }
      }
    });

    it("a very long pattern answers like any other, or is a BAD_USER_INPUT, on every store", async () => {
      for (const op of ["_like", "_ilike"]) {
        const run = await mesh.run("catalog", `query($p: String!) { tracksAggregate(where: {name: {${op}: $p}}) { count } }`, {
          p: `%${"a".repeat(60_000)}%`,
        });
        expectOnlyUserErrors(run.result);
        if (!run.result.errors) expect(run.result.data?.tracksAggregate, op).toEqual({ count: 0 });
      }
    });
  });

  it("leaves every table with every row (runs last)", async () => {
    const after = await tableCounts(target.stores);
    expect(after).toEqual(countsBefore);
    expect(after).toEqual(SEEDED);
  });
});
