// Catalog: many-to-many, deep nesting, aliases, fragments, directives and variables everywhere.
import { type BatteryCase, first, r12, rows } from "../reference.js";

export const catalogShapes: BatteryCase[] = [
  {
    name: "Many-to-many both ways: Playlist.tracks and Track.playlists, with their aggregates",
    domain: "catalog",
    query: `{
      playlists(where: {id: {_in: [1, 2, 9, 13, 18]}}) {
        id name
        tracksAggregate { count sum { milliseconds } max { name } }
        tracks(orderBy: [{name: ASC}], limit: 3) { id name playlists(where: {name: {_neq: "Music"}}) { id name } }
      }
      tracks(where: {playlists: {name: {_eq: "Grunge"}}}, orderBy: [{id: DESC}], limit: 4) { id playlistsAggregate { count } }
    }`,
    statements: 2,
    async expected(db) {
      const playlists = await rows(db, `SELECT playlist_id AS id, name FROM playlist WHERE playlist_id IN (1, 2, 9, 13, 18) ORDER BY playlist_id`);
      for (const p of playlists) {
        const [a] = await rows(
          db,
          `SELECT count(*) AS n, sum(t.milliseconds) AS s, max(t.name) AS m FROM track t JOIN playlist_track pt ON pt.track_id = t.track_id
            WHERE pt.playlist_id = ?`,
          p.id,
        );
        // Playlist 2 has no tracks: count 0, sum and max null.
        p.tracksAggregate = { count: a.n, sum: { milliseconds: r12(a.s) }, max: { name: a.m } };
        p.tracks = await rows(
          db,
          `SELECT t.track_id AS id, t.name FROM track t JOIN playlist_track pt ON pt.track_id = t.track_id
            WHERE pt.playlist_id = ? ORDER BY t.name, t.track_id LIMIT 3`,
          p.id,
        );
        for (const t of p.tracks) {
          t.playlists = await rows(
            db,
            `SELECT p.playlist_id AS id, p.name FROM playlist p JOIN playlist_track pt ON pt.playlist_id = p.playlist_id
              WHERE pt.track_id = ? AND p.name <> 'Music' ORDER BY p.playlist_id`,
            t.id,
          );
        }
      }
      const tracks = await rows(
        db,
        `SELECT t.track_id AS id, (SELECT count(*) FROM playlist_track x WHERE x.track_id = t.track_id) AS n FROM track t
          WHERE EXISTS (SELECT 1 FROM playlist_track pt JOIN playlist p ON p.playlist_id = pt.playlist_id
                         WHERE pt.track_id = t.track_id AND p.name = 'Grunge')
          ORDER BY t.track_id DESC LIMIT 4`,
      );
      return { playlists, tracks: tracks.map((t) => ({ id: t.id, playlistsAggregate: { count: t.n } })) };
    },
  },
  {
    name: "Four levels of nesting: artists → albums → tracks → genre, with filters at each level",
    domain: "catalog",
    query: `{
      artists(where: {name: {_like: "B%"}}, orderBy: [{name: ASC}], limit: 4) {
        name
        albums(orderBy: [{title: ASC}]) {
          title
          tracks(where: {milliseconds: {_lt: 240000}}, limit: 2) { name genre { name } mediaType { name } }
        }
      }
    }`,
    statements: 1,
    async expected(db) {
      const artists = await rows(db, `SELECT artist_id, name FROM artist WHERE substr(name, 1, 1) = 'B' ORDER BY name, artist_id LIMIT 4`);
      const out = [];
      for (const artist of artists) {
        const albums = await rows(db, `SELECT album_id, title FROM album WHERE artist_id = ? ORDER BY title, album_id`, artist.artist_id);
        const shaped = [];
        for (const album of albums) {
          const tracks = await rows(
            db,
            `SELECT t.name, g.name AS genre, m.name AS media FROM track t LEFT JOIN genre g ON g.genre_id = t.genre_id
               JOIN media_type m ON m.media_type_id = t.media_type_id
              WHERE t.album_id = ? AND t.milliseconds < 240000 ORDER BY t.track_id LIMIT 2`,
            album.album_id,
          );
          shaped.push({
            title: album.title,
            tracks: tracks.map((t) => ({ name: t.name, genre: t.genre === null ? null : { name: t.genre }, mediaType: { name: t.media } })),
          });
        }
        out.push({ name: artist.name, albums: shaped });
      }
      return { artists: out };
    },
  },
  {
    name: "Aliases of the same field with different arguments, at the root and nested",
    domain: "catalog",
    query: `{
      short: tracks(where: {album: {id: {_eq: 1}}}, orderBy: [{milliseconds: ASC}], limit: 2) { id ms: milliseconds }
      long: tracks(where: {album: {id: {_eq: 1}}}, orderBy: [{milliseconds: DESC}], limit: 2) { id ms: milliseconds }
      album(id: 1) {
        title
        first: tracks(limit: 1) { id }
        last: tracks(orderBy: [{id: DESC}], limit: 1) { id }
        n: tracksAggregate { count }
        quick: tracksAggregate(where: {milliseconds: {_lt: 250000}}) { count }
        artist { who: name }
        band: artist { id }
      }
    }`,
    statements: 3,
    async expected(db) {
      const album = await first(db, `SELECT al.title, al.artist_id, ar.name FROM album al JOIN artist ar ON ar.artist_id = al.artist_id WHERE al.album_id = 1`);
      const one = async (sql: string) => (await rows(db, sql))[0];
      return {
        short: await rows(db, `SELECT track_id AS id, milliseconds AS ms FROM track WHERE album_id = 1 ORDER BY milliseconds, track_id LIMIT 2`),
        long: await rows(db, `SELECT track_id AS id, milliseconds AS ms FROM track WHERE album_id = 1 ORDER BY milliseconds DESC, track_id LIMIT 2`),
        album: {
          title: album!.title,
          first: [await one(`SELECT track_id AS id FROM track WHERE album_id = 1 ORDER BY track_id LIMIT 1`)],
          last: [await one(`SELECT track_id AS id FROM track WHERE album_id = 1 ORDER BY track_id DESC LIMIT 1`)],
          n: { count: (await one(`SELECT count(*) AS n FROM track WHERE album_id = 1`)).n },
          quick: { count: (await one(`SELECT count(*) AS n FROM track WHERE album_id = 1 AND milliseconds < 250000`)).n },
          artist: { who: album!.name },
          band: { id: album!.artist_id },
        },
      };
    },
  },
  {
    name: "Named and inline fragments, nested fragments and __typename",
    domain: "catalog",
    query: `
      fragment TrackBits on Track { id name ...on Track { genre { ...GenreName } } }
      fragment GenreName on Genre { __typename name }
      query Fragments {
        album(id: 4) {
          __typename
          ... on Album { title }
          ... { artist { ... on Artist { name } } }
          tracks { ...TrackBits mediaType { ... on MediaType { id } } }
        }
      }`,
    statements: 1,
    async expected(db) {
      const album = await first(db, `SELECT al.title, ar.name FROM album al JOIN artist ar ON ar.artist_id = al.artist_id WHERE al.album_id = 4`);
      const tracks = await rows(
        db,
        `SELECT t.track_id, t.name, g.name AS genre, t.media_type_id FROM track t JOIN genre g ON g.genre_id = t.genre_id
          WHERE t.album_id = 4 ORDER BY t.track_id`,
      );
      return {
        album: {
          __typename: "Album",
          title: album!.title,
          artist: { name: album!.name },
          tracks: tracks.map((t) => ({
            id: t.track_id,
            name: t.name,
            genre: { __typename: "Genre", name: t.genre },
            mediaType: { id: t.media_type_id },
          })),
        },
      };
    },
  },
  {
    name: "@include and @skip on root fields, nested fields and fragments, driven by variables",
    domain: "catalog",
    query: `query Directives($withAlbums: Boolean!, $skipCount: Boolean!, $yes: Boolean = true) {
      skipped: artists(limit: 1) @skip(if: true) { id }
      kept: artistsAggregate @include(if: $yes) { count @skip(if: $skipCount) max { name } }
      dropped: artistsAggregate @include(if: false) { count }
      artists(where: {id: {_lte: 3}}) {
        id
        name @skip(if: $withAlbums)
        albums @include(if: $withAlbums) { title }
        ... @include(if: $skipCount) { albumsAggregate { count } }
        ...Extra @skip(if: $skipCount)
      }
    }
    fragment Extra on Artist { albumsAggregate { n: count } }`,
    variables: { withAlbums: true, skipCount: false },
    statements: 2,
    async expected(db) {
      const agg = await first(db, `SELECT count(*) AS n, max(name) AS m FROM artist`);
      const artists = await rows(db, `SELECT artist_id AS id FROM artist WHERE artist_id <= 3 ORDER BY artist_id`);
      for (const a of artists) {
        a.albums = await rows(db, `SELECT title FROM album WHERE artist_id = ? ORDER BY album_id`, a.id);
        a.albumsAggregate = { n: (await rows(db, `SELECT count(*) AS n FROM album WHERE artist_id = ?`, a.id))[0].n };
      }
      return { kept: { count: agg!.n, max: { name: agg!.m } }, artists };
    },
  },
  {
    name: "Variables for every argument kind: where, orderBy, enum direction, limit, offset, by, having, id",
    domain: "catalog",
    query: `query Every(
      $where: TrackWhere!, $orderBy: [TrackOrderBy!], $limit: Int!, $offset: Int!, $by: [TrackField!]!,
      $having: TrackAggregateWhere, $groupOrder: [TrackGroupOrderBy!], $id: Int!, $dir: OrderDirection!, $nested: TrackWhere
    ) {
      tracks(where: $where, orderBy: $orderBy, limit: $limit, offset: $offset) { id name }
      tracksGroupBy(by: $by, where: $where, having: $having, orderBy: $groupOrder, limit: $limit) { key { unitPrice } count }
      album(id: $id) { tracks(where: $nested, orderBy: [{name: $dir}], limit: $limit, offset: $offset) { name } tracksAggregate(where: $nested) { count } }
    }`,
    variables: {
      where: { genre: { name: { _in: ["Metal", "Heavy Metal"] } }, milliseconds: { _gt: 100000 } },
      orderBy: [{ milliseconds: "DESC" }, { name: "ASC" }],
      limit: 3,
      offset: 1,
      by: ["unitPrice"],
      having: { count: { _gt: 0 } },
      groupOrder: [{ count: "DESC" }],
      id: 10,
      dir: "DESC",
      nested: { milliseconds: { _gt: 200000 } },
    },
    statements: 3,
    async expected(db) {
      const metal = `genre_id IN (SELECT genre_id FROM genre WHERE name IN ('Metal', 'Heavy Metal')) AND milliseconds > 100000`;
      const groups = await rows(
        db,
        `SELECT unit_price, count(*) AS n FROM track WHERE ${metal} GROUP BY unit_price HAVING count(*) > 0 ORDER BY count(*) DESC, unit_price LIMIT 3`,
      );
      return {
        tracks: await rows(db, `SELECT track_id AS id, name FROM track WHERE ${metal} ORDER BY milliseconds DESC, name, track_id LIMIT 3 OFFSET 1`),
        tracksGroupBy: groups.map((g) => ({ key: { unitPrice: g.unit_price }, count: g.n })),
        album: {
          tracks: await rows(db, `SELECT name FROM track WHERE album_id = 10 AND milliseconds > 200000 ORDER BY name DESC, track_id LIMIT 3 OFFSET 1`),
          tracksAggregate: { count: (await rows(db, `SELECT count(*) AS n FROM track WHERE album_id = 10 AND milliseconds > 200000`))[0].n },
        },
      };
    },
  },
  {
    name: "Genres with nested track lists filtered through a relation, ordered through a relation",
    domain: "catalog",
    query: `{
      genres(where: {name: {_in: ["Opera", "Easy Listening", "Comedy"]}}) {
        name
        tracks(where: {album: {title: {_ilike: "%the%"}}}, orderBy: [{album: {title: DESC}}, {id: DESC}], limit: 4) { id album { title } }
        tracksAggregate(where: {album: {title: {_ilike: "%the%"}}}) { count sum { unitPrice } }
      }
    }`,
    statements: 1,
    async expected(db) {
      const genres = await rows(db, `SELECT genre_id, name FROM genre WHERE name IN ('Opera', 'Easy Listening', 'Comedy') ORDER BY genre_id`);
      const out = [];
      for (const g of genres) {
        const tracks = await rows(
          db,
          `SELECT t.track_id, al.title FROM track t JOIN album al ON al.album_id = t.album_id
            WHERE t.genre_id = ? AND al.title LIKE '%the%' ORDER BY al.title DESC, t.track_id DESC LIMIT 4`,
          g.genre_id,
        );
        const agg = await first(
          db,
          `SELECT count(*) AS n, sum(t.unit_price) AS s FROM track t JOIN album al ON al.album_id = t.album_id
            WHERE t.genre_id = ? AND al.title LIKE '%the%'`,
          g.genre_id,
        );
        out.push({
          name: g.name,
          tracks: tracks.map((t) => ({ id: t.track_id, album: { title: t.title } })),
          tracksAggregate: { count: agg!.n, sum: { unitPrice: r12(agg!.s) } },
        });
      }
      return { genres: out };
    },
  },
];
