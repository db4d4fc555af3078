// Catalog: root aggregates, relationship aggregates and group-by.
import { type BatteryCase, type Row, first, r12, rows } from "../reference.js";

const numeric = (r: Row, prefix: string, fields: string[]) =>
  Object.fromEntries(fields.map((f) => [f, r12(r[`${prefix}_${f}`])]));

export const catalogAggregates: BatteryCase[] = [
  {
    name: "Root aggregate with where: count, sum, avg, min and max on Int, Float and String fields",
    domain: "catalog",
    query: `{
      tracksAggregate(where: {genre: {name: {_eq: "Rock"}}}) {
        count
        sum { milliseconds bytes unitPrice }
        avg { milliseconds bytes unitPrice }
        min { name composer milliseconds unitPrice }
        max { name composer bytes unitPrice }
      }
    }`,
    statements: 1,
    async expected(db) {
      const a = await first(
        db,
        `SELECT count(*) AS n, sum(milliseconds) AS sum_milliseconds, sum(bytes) AS sum_bytes, sum(unit_price) AS sum_unitPrice,
                avg(milliseconds) AS avg_milliseconds, avg(bytes) AS avg_bytes, avg(unit_price) AS avg_unitPrice,
                min(name) AS min_name, min(composer) AS min_composer, min(milliseconds) AS min_ms, min(unit_price) AS min_price,
                max(name) AS max_name, max(composer) AS max_composer, max(bytes) AS max_bytes, max(unit_price) AS max_price
           FROM track WHERE genre_id IN (SELECT genre_id FROM genre WHERE name = 'Rock')`,
      );
      return {
        tracksAggregate: {
          count: a!.n,
          sum: numeric(a!, "sum", ["milliseconds", "bytes", "unitPrice"]),
          avg: numeric(a!, "avg", ["milliseconds", "bytes", "unitPrice"]),
          min: { name: a!.min_name, composer: a!.min_composer, milliseconds: a!.min_ms, unitPrice: a!.min_price },
          max: { name: a!.max_name, composer: a!.max_composer, bytes: a!.max_bytes, unitPrice: a!.max_price },
        },
      };
    },
  },
  {
    name: "Aggregate over no rows: count 0, every other aggregate null; aliases inside aggregates",
    domain: "catalog",
    query: `{
      tracksAggregate(where: {id: {_lt: 0}}) { total: count sum { bytes } avg { unitPrice } min { name } max { milliseconds } }
    }`,
    statements: 1,
    async expected(db) {
      const a = await first(db, `SELECT count(*) AS n, sum(bytes) AS s, avg(unit_price) AS a, min(name) AS mn, max(milliseconds) AS mx FROM track WHERE track_id < 0`);
      return { tracksAggregate: { total: a!.n, sum: { bytes: a!.s }, avg: { unitPrice: a!.a }, min: { name: a!.mn }, max: { milliseconds: a!.mx } } };
    },
  },
  {
    name: "Relationship aggregates (tracksAggregate, albumsAggregate), with and without where, aliased",
    domain: "catalog",
    query: `{
      artists(where: {name: {_in: ["Iron Maiden", "Queen", "U2"]}}, orderBy: [{name: ASC}]) {
        name
        albumsAggregate { count }
        albums(orderBy: [{title: ASC}], limit: 3) {
          title
          tracksAggregate { count sum { milliseconds } max { name } }
          long: tracksAggregate(where: {milliseconds: {_gt: 300000}}) { count avg { milliseconds } min { unitPrice } }
        }
      }
    }`,
    statements: 1,
    async expected(db) {
      const artists = await rows(db, `SELECT artist_id, name FROM artist WHERE name IN ('Iron Maiden', 'Queen', 'U2') ORDER BY name, artist_id`);
      const out = [];
      for (const artist of artists) {
        const [{ n }] = await rows(db, `SELECT count(*) AS n FROM album WHERE artist_id = ?`, artist.artist_id);
        const albums = await rows(db, `SELECT album_id, title FROM album WHERE artist_id = ? ORDER BY title, album_id LIMIT 3`, artist.artist_id);
        const shaped = [];
        for (const album of albums) {
          const all = await first(db, `SELECT count(*) AS n, sum(milliseconds) AS s, max(name) AS mx FROM track WHERE album_id = ?`, album.album_id);
          const long = await first(
            db,
            `SELECT count(*) AS n, avg(milliseconds) AS a, min(unit_price) AS mn FROM track WHERE album_id = ? AND milliseconds > 300000`,
            album.album_id,
          );
          shaped.push({
            title: album.title,
            tracksAggregate: { count: all!.n, sum: { milliseconds: r12(all!.s) }, max: { name: all!.mx } },
            long: { count: long!.n, avg: { milliseconds: r12(long!.a) }, min: { unitPrice: long!.mn } },
          });
        }
        out.push({ name: artist.name, albumsAggregate: { count: n }, albums: shaped });
      }
      return { artists: out };
    },
  },
  {
    name: "groupBy one field: where, having on count, orderBy count DESC (ties by key)",
    domain: "catalog",
    query: `{
      tracksGroupBy(by: [composer], where: {composer: {_isNull: false}}, having: {count: {_gte: 20}}, orderBy: [{count: DESC}]) {
        key { composer } count avg { milliseconds }
      }
    }`,
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT composer, count(*) AS n, avg(milliseconds) AS a FROM track WHERE composer IS NOT NULL
          GROUP BY composer HAVING count(*) >= 20 ORDER BY count(*) DESC, composer LIMIT 100`,
      );
      return { tracksGroupBy: groups.map((g) => ({ key: { composer: g.composer }, count: g.n, avg: { milliseconds: r12(g.a) } })) };
    },
  },
  {
    name: "groupBy with a null key, ordered by key in four null placements",
    domain: "catalog",
    query: `fragment G on TrackGroup { key { composer } count }
    {
      asc: tracksGroupBy(by: [composer], where: {album: {id: {_in: [41, 84]}}}, orderBy: [{key: {composer: ASC}}]) { ...G }
      ascFirst: tracksGroupBy(by: [composer], where: {album: {id: {_in: [41, 84]}}}, orderBy: [{key: {composer: ASC_NULLS_FIRST}}]) { ...G }
      desc: tracksGroupBy(by: [composer], where: {album: {id: {_in: [41, 84]}}}, orderBy: [{key: {composer: DESC}}]) { ...G }
      descLast: tracksGroupBy(by: [composer], where: {album: {id: {_in: [41, 84]}}}, orderBy: [{key: {composer: DESC_NULLS_LAST}}]) { ...G }
    }`,
    statements: 4,
    async expected(db) {
      const q = async (order: string) =>
        (
          await rows(db, `SELECT composer, count(*) AS n FROM track WHERE album_id IN (41, 84) GROUP BY composer ORDER BY ${order} LIMIT 100`)
        ).map((g) => ({ key: { composer: g.composer }, count: g.n }));
      return {
        asc: await q(`composer IS NULL, composer`),
        ascFirst: await q(`composer IS NOT NULL, composer`),
        desc: await q(`composer IS NOT NULL, composer DESC`),
        descLast: await q(`composer IS NULL, composer DESC`),
      };
    },
  },
  {
    name: "groupBy on a Float field, ordered by sum, avg, min and max, with limit and offset",
    domain: "catalog",
    query: `{
      bySum: tracksGroupBy(by: [unitPrice], orderBy: [{sum: {milliseconds: ASC}}]) { key { unitPrice } count sum { milliseconds bytes } }
      byAvg: tracksGroupBy(by: [composer], where: {genre: {name: {_eq: "Blues"}}}, orderBy: [{avg: {milliseconds: DESC}}], limit: 4, offset: 1) {
        key { composer } avg { milliseconds }
      }
      byMin: tracksGroupBy(by: [composer], where: {genre: {name: {_eq: "Blues"}}}, orderBy: [{min: {name: ASC}}], limit: 5) { key { composer } min { name } }
      byMax: tracksGroupBy(by: [composer], where: {genre: {name: {_eq: "Blues"}}}, orderBy: [{max: {bytes: DESC}}], limit: 5, offset: 2) { key { composer } max { bytes } }
    }`,
    statements: 4,
    async expected(db) {
      const blues = `genre_id IN (SELECT genre_id FROM genre WHERE name = 'Blues')`;
      const bySum = await rows(
        db,
        `SELECT unit_price AS p, count(*) AS n, sum(milliseconds) AS ms, sum(bytes) AS b FROM track GROUP BY unit_price ORDER BY sum(milliseconds), unit_price LIMIT 100`,
      );
      const byAvg = await rows(
        db,
        `SELECT composer, avg(milliseconds) AS a FROM track WHERE ${blues} GROUP BY composer
          ORDER BY avg(milliseconds) DESC, composer IS NULL, composer LIMIT 4 OFFSET 1`,
      );
      const byMin = await rows(
        db,
        `SELECT composer, min(name) AS m FROM track WHERE ${blues} GROUP BY composer ORDER BY min(name), composer IS NULL, composer LIMIT 5`,
      );
      const byMax = await rows(
        db,
        `SELECT composer, max(bytes) AS m FROM track WHERE ${blues} GROUP BY composer
          ORDER BY max(bytes) IS NOT NULL, max(bytes) DESC, composer IS NULL, composer LIMIT 5 OFFSET 2`,
      );
      return {
        bySum: bySum.map((g) => ({ key: { unitPrice: g.p }, count: g.n, sum: { milliseconds: r12(g.ms), bytes: r12(g.b) } })),
        byAvg: byAvg.map((g) => ({ key: { composer: g.composer }, avg: { milliseconds: r12(g.a) } })),
        byMin: byMin.map((g) => ({ key: { composer: g.composer }, min: { name: g.m } })),
        byMax: byMax.map((g) => ({ key: { composer: g.composer }, max: { bytes: g.m } })),
      };
    },
  },
  {
    name: "groupBy with duplicate names: playlists by name, having count > 1, min/max of id",
    domain: "catalog",
    query: `{
      playlistsGroupBy(by: [name], having: {count: {_gt: 1}}, orderBy: [{key: {name: ASC}}]) { key { name } count min { id } max { id } }
    }`,
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT name, count(*) AS n, min(playlist_id) AS mn, max(playlist_id) AS mx FROM playlist GROUP BY name HAVING count(*) > 1
          ORDER BY name IS NULL, name LIMIT 100`,
      );
      return { playlistsGroupBy: groups.map((g) => ({ key: { name: g.name }, count: g.n, min: { id: g.mn }, max: { id: g.mx } })) };
    },
  },
];
