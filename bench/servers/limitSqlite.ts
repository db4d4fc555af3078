/**
 * The limit on SQLite: a minimal Node HTTP server answering Q1–Q3 with one hand-written
 * statement each whose JSON (the whole response body) SQLite builds, over the same SQLite files
 * the meshql subgraphs serve. better-sqlite3 prepares each statement once and runs it on the
 * event loop: no worker, no GraphQL, no token. POST /Q1 … /Q3.
 *
 *   tsx bench/servers/limitSqlite.ts --catalog FILE --sales FILE --port N
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { PARAMS as P, type QueryName } from "../queries.js";
import { arg } from "../support/pool.js";

const body = (json: string) => `SELECT json_object('data', ${json}) AS body`;
const catalog = new Database(arg("catalog"), { readonly: true });
const sales = new Database(arg("sales"), { readonly: true });

// A subquery's JSON reaches its parent as text: json() makes it JSON again.
const STATEMENTS: Partial<Record<QueryName, { run: () => unknown }>> = {
  Q1: bind(catalog, body(`json_object('tracks', (SELECT json_group_array(json(x.j)) FROM (
        SELECT json_object('id', track_id, 'name', name, 'composer', composer, 'milliseconds', milliseconds, 'unitPrice', unit_price) AS j
        FROM track WHERE genre_id = ? ORDER BY track_id DESC LIMIT ? OFFSET ?) x))`), [P.genre, P.page, P.offset]),
  Q2: bind(catalog, body(`json_object('artists', (SELECT json_group_array(json_object('id', a.artist_id, 'name', a.name, 'albums', json((
        SELECT json_group_array(json_object('id', al.album_id, 'title', al.title, 'tracks', json((
          SELECT json_group_array(json_object('id', t.track_id, 'name', t.name, 'milliseconds', t.milliseconds))
          FROM (SELECT track_id, name, milliseconds FROM track WHERE album_id = al.album_id ORDER BY track_id LIMIT ?) t))))
        FROM (SELECT album_id, title FROM album WHERE artist_id = a.artist_id ORDER BY album_id LIMIT ?) al))))
      FROM (SELECT artist_id, name FROM artist ORDER BY artist_id LIMIT ?) a))`), [P.tracks, P.albums, P.artists]),
  Q3: bind(sales, body(`json_object('invoicesGroupBy', (SELECT json_group_array(json_object('key', json_object('billingCountry', g.c),
        'sum', json_object('total', g.s), 'max', json_object('total', g.m)))
      FROM (SELECT billing_country AS c, sum(total) AS s, max(total) AS m FROM invoice GROUP BY billing_country ORDER BY billing_country) g))`), []),
};

function bind(db: Database.Database, sql: string, values: unknown[]) {
  const statement = db.prepare(sql).pluck();
  return { run: () => statement.get(...values) };
}

const server = createServer((req, res) => {
  const query = STATEMENTS[(req.url ?? "").slice(1) as QueryName];
  req.resume(); // the request body (the GraphQL the others get) is read and ignored
  req.on("end", () => {
    if (!query) return void res.writeHead(404).end();
    try {
      res.writeHead(200, { "content-type": "application/json" }).end(query.run() as string);
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
    }
  });
});
server.listen(Number(arg("port", "0")), () => console.log(`limit-sqlite  http://localhost:${(server.address() as AddressInfo).port}/`));
process.once("SIGTERM", () => process.exit(0));
