/**
 * The limit: a minimal Node HTTP server that answers each query with one hand-written statement
 * whose JSON (the whole response body) PostgreSQL builds, on the same pool as meshql's stores.
 * No GraphQL, no token: the fastest a Node service can answer. POST /Q1 … /Q4. Each statement
 * runs as a named prepared statement, as meshql runs its own, so PostgreSQL plans it once per
 * connection rather than on every request.
 *
 *   tsx bench/servers/limit.ts --database URL --port N
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PARAMS as P, type QueryName } from "../queries.js";
import { arg, createPool } from "../support/pool.js";

const body = (json: string) => `SELECT json_build_object('data', ${json})::text AS body`;

const SQL: Record<QueryName, { name: string; text: string; values: unknown[] }> = {
  Q1: {
    name: "limit_Q1",
    text: body(`json_build_object('tracks', coalesce(json_agg(json_build_object('id', t.track_id, 'name', t.name, 'composer', t.composer,
        'milliseconds', t.milliseconds, 'unitPrice', t.unit_price) ORDER BY t.track_id DESC), '[]'))`) +
      ` FROM (SELECT track_id, name, composer, milliseconds, unit_price FROM track WHERE genre_id = $1 ORDER BY track_id DESC LIMIT $2 OFFSET $3) t`,
    values: [P.genre, P.page, P.offset],
  },
  Q2: {
    name: "limit_Q2",
    text: body(`json_build_object('artists', coalesce(json_agg(json_build_object('id', a.artist_id, 'name', a.name, 'albums', (
        SELECT coalesce(json_agg(json_build_object('id', al.album_id, 'title', al.title, 'tracks', (
          SELECT coalesce(json_agg(json_build_object('id', t.track_id, 'name', t.name, 'milliseconds', t.milliseconds) ORDER BY t.track_id), '[]')
          FROM (SELECT track_id, name, milliseconds FROM track WHERE album_id = al.album_id ORDER BY track_id LIMIT $3) t
        )) ORDER BY al.album_id), '[]')
        FROM (SELECT album_id, title FROM album WHERE artist_id = a.artist_id ORDER BY album_id LIMIT $2) al
      )) ORDER BY a.artist_id), '[]'))`) + ` FROM (SELECT artist_id, name FROM artist ORDER BY artist_id LIMIT $1) a`,
    values: [P.artists, P.albums, P.tracks],
  },
  Q3: {
    name: "limit_Q3",
    text: body(`json_build_object('invoicesGroupBy', coalesce(json_agg(json_build_object('key', json_build_object('billingCountry', g.c),
        'sum', json_build_object('total', g.s), 'max', json_build_object('total', g.m)) ORDER BY g.c), '[]'))`) +
      ` FROM (SELECT billing_country AS c, sum(total) AS s, max(total) AS m FROM invoice GROUP BY billing_country) g`,
    values: [],
  },
  // All three domains share the benchmark database, so one statement can join them: the floor
  // for Q4, which a mesh (one store per domain) cannot reach.
  Q4: {
    name: "limit_Q4",
    text: body(`json_build_object('invoices', coalesce(json_agg(json_build_object('id', i.invoice_id,
        'invoiceDate', to_char(i.invoice_date, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'total', i.total,
        'customer', (SELECT json_build_object('firstName', c.first_name, 'lastName', c.last_name, 'country', c.country) FROM customer c WHERE c.customer_id = i.customer_id),
        'lines', (SELECT coalesce(json_agg(json_build_object('quantity', l.quantity, 'unitPrice', l.unit_price, 'track', (
            SELECT json_build_object('name', t.name, 'album', (SELECT json_build_object('title', al.title) FROM album al WHERE al.album_id = t.album_id))
            FROM track t WHERE t.track_id = l.track_id)) ORDER BY l.invoice_line_id), '[]')
          FROM invoice_line l WHERE l.invoice_id = i.invoice_id)
      ) ORDER BY i.invoice_id DESC), '[]'))`) + ` FROM (SELECT * FROM invoice ORDER BY invoice_id DESC LIMIT $1) i`,
    values: [P.invoices],
  },
};

const pool = createPool(arg("database"));
const server = createServer((req, res) => {
  const query = SQL[(req.url ?? "").slice(1) as QueryName];
  req.resume(); // the request body (the GraphQL the others get) is read and ignored
  req.on("end", () => {
    if (!query) return void res.writeHead(404).end();
    pool.query(query).then(
      (result) => res.writeHead(200, { "content-type": "application/json" }).end(result.rows[0].body),
      (error: Error) => res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: error.message }] })),
    );
  });
});
server.listen(Number(arg("port", "0")), () => console.log(`limit  http://localhost:${(server.address() as AddressInfo).port}/`));
process.once("SIGTERM", () => process.exit(0));
