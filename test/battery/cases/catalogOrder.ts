// Catalog: order (null placement, through relations, several items), paging and by-key fields.
import { type BatteryCase, first, rows } from "../reference.js";

const DIRECTIONS = ["ASC", "DESC", "ASC_NULLS_FIRST", "ASC_NULLS_LAST", "DESC_NULLS_FIRST", "DESC_NULLS_LAST"] as const;

/** SQL order terms for a nullable column in one of the six directions (SQLite: false < true). */
export function sqlOrder(column: string, direction: (typeof DIRECTIONS)[number]): string {
  const desc = direction.startsWith("DESC");
  const nullsFirst = direction.endsWith("NULLS_FIRST") || direction === "DESC";
  return `${column} IS ${nullsFirst ? "NOT NULL" : "NULL"}, ${column} ${desc ? "DESC" : "ASC"}`;
}

export const catalogOrder: BatteryCase[] = [
  {
    name: "orderBy a nullable column in each of the six directions (null placement)",
    domain: "catalog",
    query: `{ ${DIRECTIONS.map((d) => `${d}: tracks(where: {album: {id: {_eq: 41}}}, orderBy: [{composer: ${d}}]) { id composer }`).join("\n")} }`,
    statements: 6,
    async expected(db) {
      const data: Record<string, unknown> = {};
      for (const d of DIRECTIONS) {
        data[d] = await rows(db, `SELECT track_id AS id, composer FROM track WHERE album_id = 41 ORDER BY ${sqlOrder("composer", d)}, track_id`);
      }
      return data;
    },
  },
  {
    name: "String order is by code point (AC/DC before Aaron)",
    domain: "catalog",
    query: `{ artists(orderBy: [{name: ASC}], limit: 12) { name } last: artists(orderBy: [{name: DESC}], limit: 12) { name } }`,
    statements: 2,
    async expected(db) {
      return {
        artists: await rows(db, `SELECT name FROM artist ORDER BY name IS NULL, name, artist_id LIMIT 12`),
        last: await rows(db, `SELECT name FROM artist ORDER BY name IS NOT NULL, name DESC, artist_id LIMIT 12`),
      };
    },
  },
  {
    name: "orderBy through object relations two levels deep, several orderBy items, limit and offset",
    domain: "catalog",
    query: `{
      tracks(where: {genre: {name: {_eq: "Jazz"}}},
             orderBy: [{album: {artist: {name: DESC}}}, {album: {title: ASC}}, {name: ASC}], limit: 15, offset: 10) {
        id name album { title artist { name } }
      }
    }`,
    statements: 1,
    async expected(db) {
      const found = await rows(
        db,
        `SELECT t.track_id, t.name, al.title, ar.name AS artist FROM track t JOIN album al ON al.album_id = t.album_id
           JOIN artist ar ON ar.artist_id = al.artist_id JOIN genre g ON g.genre_id = t.genre_id
          WHERE g.name = 'Jazz'
          ORDER BY ar.name IS NOT NULL, ar.name DESC, al.title, t.name, t.track_id LIMIT 15 OFFSET 10`,
      );
      return { tracks: found.map((t) => ({ id: t.track_id, name: t.name, album: { title: t.title, artist: { name: t.artist } } })) };
    },
  },
  {
    name: "Root paging: limit, offset, the default limit of 100, limit 0 and an offset past the end",
    domain: "catalog",
    query: `query Pages($limit: Int, $offset: Int) {
      page: tracks(orderBy: [{id: DESC}], limit: $limit, offset: $offset) { id }
      byDefault: tracks(where: {genre: {id: {_eq: 1}}}) { id }
      nothing: tracks(limit: 0) { id }
      tail: tracks(orderBy: [{id: ASC}], offset: 3500) { id }
    }`,
    variables: { limit: 5, offset: 3 },
    statements: 4,
    async expected(db) {
      return {
        page: await rows(db, `SELECT track_id AS id FROM track ORDER BY track_id DESC LIMIT 5 OFFSET 3`),
        byDefault: await rows(db, `SELECT track_id AS id FROM track WHERE genre_id = 1 ORDER BY track_id LIMIT 100`),
        nothing: [],
        tail: await rows(db, `SELECT track_id AS id FROM track ORDER BY track_id LIMIT 100 OFFSET 3500`),
      };
    },
  },
  {
    name: "Nested list paging per parent: limit/offset, offset alone, limit 0, with nested orderBy",
    domain: "catalog",
    query: `{
      artists(where: {id: {_in: [1, 22, 90]}}) {
        id name
        albums(orderBy: [{title: DESC}], limit: 2, offset: 1) { id title tracks(orderBy: [{milliseconds: DESC}], limit: 3) { name milliseconds } }
        rest: albums(offset: 1) { id }
        none: albums(limit: 0) { id }
      }
    }`,
    statements: 1,
    async expected(db) {
      const artists = await rows(db, `SELECT artist_id AS id, name FROM artist WHERE artist_id IN (1, 22, 90) ORDER BY artist_id`);
      for (const artist of artists) {
        const albums = await rows(
          db,
          `SELECT album_id AS id, title FROM album WHERE artist_id = ? ORDER BY title DESC, album_id LIMIT 2 OFFSET 1`,
          artist.id,
        );
        for (const album of albums) {
          album.tracks = await rows(
            db,
            `SELECT name, milliseconds FROM track WHERE album_id = ? ORDER BY milliseconds DESC, track_id LIMIT 3`,
            album.id,
          );
        }
        artist.albums = albums;
        artist.rest = await rows(db, `SELECT album_id AS id FROM album WHERE artist_id = ? ORDER BY album_id LIMIT -1 OFFSET 1`, artist.id);
        artist.none = [];
      }
      return { artists };
    },
  },
  {
    name: "By-key fields, with a variable, and a missing key answering null",
    domain: "catalog",
    query: `query ById($id: Int!, $missing: Int!) {
      track(id: $id) { id name unitPrice album { title artist { name } } genre { name } mediaType { name } }
      missing: track(id: $missing) { id name }
      album(id: 1) { title artist { name } }
      artist(id: 0) { name }
    }`,
    variables: { id: 1, missing: 999999 },
    statements: 4,
    async expected(db) {
      const t = await first(
        db,
        `SELECT t.track_id, t.name, t.unit_price, al.title, ar.name AS artist, g.name AS genre, m.name AS media
           FROM track t JOIN album al ON al.album_id = t.album_id JOIN artist ar ON ar.artist_id = al.artist_id
           JOIN genre g ON g.genre_id = t.genre_id JOIN media_type m ON m.media_type_id = t.media_type_id WHERE t.track_id = 1`,
      );
      const album = await first(db, `SELECT al.title, ar.name FROM album al JOIN artist ar ON ar.artist_id = al.artist_id WHERE al.album_id = 1`);
      return {
        track: {
          id: t!.track_id,
          name: t!.name,
          unitPrice: t!.unit_price,
          album: { title: t!.title, artist: { name: t!.artist } },
          genre: { name: t!.genre },
          mediaType: { name: t!.media },
        },
        missing: null,
        album: { title: album!.title, artist: { name: album!.name } },
        artist: null,
      };
    },
  },
];
