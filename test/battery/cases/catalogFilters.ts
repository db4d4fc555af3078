// Catalog: comparison operators, boolean combinators and filters through relations.
import { type BatteryCase, ilikeMatches, marks, rows } from "../reference.js";

const TRACK_IDS = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 999999];

export const catalogFilters: BatteryCase[] = [
  {
    name: "Int comparisons _eq _neq _gt _gte _lt _lte, on columns and through an object relation",
    domain: "catalog",
    query: `query IntOps($min: Int!, $max: Int!) {
      tracks(where: {milliseconds: {_gte: $min, _lte: $max}, bytes: {_gt: 4000000, _lt: 12000000}, mediaType: {id: {_neq: 1}}},
             orderBy: [{milliseconds: ASC}]) {
        id name milliseconds bytes mediaType { id name }
      }
      answer: tracks(where: {id: {_eq: 42}}) { id name }
    }`,
    variables: { min: 250000, max: 290000 },
    statements: 2,
    async expected(db) {
      const tracks = await rows(
        db,
        `SELECT t.track_id, t.name, t.milliseconds, t.bytes, m.media_type_id, m.name AS media
           FROM track t JOIN media_type m ON m.media_type_id = t.media_type_id
          WHERE t.milliseconds >= ? AND t.milliseconds <= ? AND t.bytes > 4000000 AND t.bytes < 12000000
            AND t.media_type_id <> 1
          ORDER BY t.milliseconds, t.track_id LIMIT 100`,
        250000,
        290000,
      );
      const answer = await rows(db, `SELECT track_id AS id, name FROM track WHERE track_id = 42`);
      return {
        tracks: tracks.map((t) => ({
          id: t.track_id,
          name: t.name,
          milliseconds: t.milliseconds,
          bytes: t.bytes,
          mediaType: { id: t.media_type_id, name: t.media },
        })),
        answer,
      };
    },
  },
  {
    name: "_in and _nin with values, through an object relation, a list variable and a missing id",
    domain: "catalog",
    query: `query($ids: [Int!]!) {
      tracks(where: {id: {_in: $ids}, genre: {id: {_nin: [2, 3]}}}) { id name genre { id name } }
    }`,
    variables: { ids: TRACK_IDS },
    statements: 1,
    async expected(db) {
      const found = await rows(
        db,
        `SELECT t.track_id, t.name, g.genre_id, g.name AS genre FROM track t JOIN genre g ON g.genre_id = t.genre_id
          WHERE t.track_id IN (${marks(TRACK_IDS)}) AND g.genre_id NOT IN (2, 3) ORDER BY t.track_id`,
        ...TRACK_IDS,
      );
      return { tracks: found.map((t) => ({ id: t.track_id, name: t.name, genre: { id: t.genre_id, name: t.genre } })) };
    },
  },
  {
    name: "_in: [] matches nothing and _nin: [] matches everything, alone, in _or and under _not",
    domain: "catalog",
    query: `query Empty($none: [Int!]!) {
      none: tracks(where: {id: {_in: $none}}) { id }
      all: tracksAggregate(where: {id: {_nin: $none}}) { count }
      orNone: tracksAggregate(where: {_or: [{id: {_in: []}}, {id: {_eq: 1}}]}) { count }
      notNone: artistsAggregate(where: {_not: {name: {_in: []}}}) { count }
      ninStrings: artistsAggregate(where: {name: {_nin: []}}) { count }
    }`,
    variables: { none: [] },
    statements: 5,
    async expected(db) {
      const [{ n: tracks }] = await rows(db, `SELECT count(*) AS n FROM track`);
      const [{ n: artists }] = await rows(db, `SELECT count(*) AS n FROM artist`);
      // _nin: [] is true even where name IS NULL: "not in the empty set" holds for every row.
      return { none: [], all: { count: tracks }, orNone: { count: 1 }, notNone: { count: artists }, ninStrings: { count: artists } };
    },
  },
  {
    name: "_isNull true and false",
    domain: "catalog",
    query: `{
      noComposer: tracksAggregate(where: {composer: {_isNull: true}}) { count }
      withComposer: tracksAggregate(where: {composer: {_isNull: false}}) { count }
      tracks(where: {composer: {_isNull: true}, album: {id: {_eq: 41}}}) { id composer }
    }`,
    statements: 3,
    async expected(db) {
      const [{ n: nulls }] = await rows(db, `SELECT count(*) AS n FROM track WHERE composer IS NULL`);
      const [{ n: set }] = await rows(db, `SELECT count(*) AS n FROM track WHERE composer IS NOT NULL`);
      const tracks = await rows(db, `SELECT track_id AS id, composer FROM track WHERE composer IS NULL AND album_id = 41 ORDER BY track_id`);
      return { noComposer: { count: nulls }, withComposer: { count: set }, tracks };
    },
  },
  {
    name: "_like is case-sensitive, _ilike is not",
    domain: "catalog",
    query: `{
      like: tracks(where: {name: {_like: "%love%"}}, limit: 1000) { id name }
      ilike: tracks(where: {name: {_ilike: "%LOVE%"}}, limit: 1000) { id }
      startsWith: tracksAggregate(where: {name: {_like: "Love%"}}) { count }
      lowerStart: tracksAggregate(where: {name: {_like: "love%"}}) { count }
    }`,
    statements: 4,
    async expected(db) {
      // instr() is case-sensitive; SQLite's LIKE ignores ASCII case.
      const like = await rows(db, `SELECT track_id AS id, name FROM track WHERE instr(name, 'love') > 0 ORDER BY track_id`);
      const ilike = await rows(db, `SELECT track_id AS id FROM track WHERE name LIKE '%love%' ORDER BY track_id`);
      const [{ n: upper }] = await rows(db, `SELECT count(*) AS n FROM track WHERE substr(name, 1, 4) = 'Love'`);
      const [{ n: lower }] = await rows(db, `SELECT count(*) AS n FROM track WHERE substr(name, 1, 4) = 'love'`);
      return { like, ilike, startsWith: { count: upper }, lowerStart: { count: lower } };
    },
  },
  {
    name: "_like with the _ wildcard over non-ASCII letters, and case-sensitivity of both operators",
    domain: "catalog",
    query: `{
      motorhead: artists(where: {name: {_like: "Mot_rhead%"}}) { id name }
      circumflex: artists(where: {name: {_like: "%ô%"}}) { id name }
      vinicius: artists(where: {name: {_like: "Vin_cius%"}}) { id }
      wrongCase: artists(where: {name: {_like: "ac/dc"}}) { id }
      anyCase: artists(where: {name: {_ilike: "ac/dc"}}) { id name }
      oneChar: artists(where: {name: {_like: "_"}}) { id }
    }`,
    statements: 6,
    async expected(db) {
      const q = (where: string) => rows(db, `SELECT artist_id AS id, name FROM artist WHERE ${where} ORDER BY artist_id`);
      const ids = async (where: string) => (await q(where)).map(({ id }) => ({ id }));
      return {
        motorhead: await q(`substr(name, 1, 3) = 'Mot' AND length(name) >= 9 AND substr(name, 5, 5) = 'rhead'`),
        circumflex: await q(`instr(name, 'ô') > 0`),
        vinicius: await ids(`substr(name, 1, 3) = 'Vin' AND substr(name, 5, 4) = 'cius'`),
        wrongCase: await ids(`name = 'ac/dc'`),
        anyCase: await q(`lower(name) = 'ac/dc'`),
        oneChar: await ids(`length(name) = 1`),
      };
    },
  },
  {
    name: "LIKE patterns with ? and [ ] taken literally, and \\ escaping _ and %",
    domain: "catalog",
    query: `query Escapes($underscore: String!, $percent: String!, $notWildcard: String!) {
      question: tracks(where: {name: {_like: "%?"}}) { id name }
      brackets: tracks(where: {name: {_like: "%[Instrumental]"}}) { id }
      escapedQuestion: tracks(where: {name: {_like: "Am I Evil\\\\?"}}) { id }
      underscore: tracks(where: {name: {_ilike: $underscore}}) { id }
      percent: tracks(where: {name: {_like: $percent}}) { id }
      notWildcard: tracks(where: {name: {_like: $notWildcard}}) { id }
    }`,
    // Values: %\_%  %\%%  Onde Voc\_ Mora?  (a backslash makes the next _ or % literal)
    variables: { underscore: "%\\_%", percent: "%\\%%", notWildcard: "Onde Voc\\_ Mora?" },
    statements: 6,
    async expected(db) {
      // knex.raw reads every ? as a placeholder, so the texts holding one are bound.
      const q = (cols: string, where: string, ...b: unknown[]) => rows(db, `SELECT ${cols} FROM track WHERE ${where} ORDER BY track_id LIMIT 100`, ...b);
      return {
        question: await q(`track_id AS id, name`, `substr(name, -1) = ?`, "?"),
        brackets: await q(`track_id AS id`, `substr(name, -14) = '[Instrumental]'`),
        escapedQuestion: await q(`track_id AS id`, `name = ?`, "Am I Evil?"),
        underscore: await q(`track_id AS id`, `instr(name, '_') > 0`),
        percent: await q(`track_id AS id`, `instr(name, '%') > 0`),
        notWildcard: await q(`track_id AS id`, `name = ?`, "Onde Voc_ Mora?"),
      };
    },
  },
  {
    name: "_ilike folds the case of non-ASCII letters too (MOTÖRHEAD, VINÍCIUS)",
    domain: "catalog",
    query: `{
      motorhead: artists(where: {name: {_ilike: "%MOTÖRHEAD%"}}) { id name }
      vinicius: artists(where: {name: {_ilike: "vINÍCIUS%"}}) { id name }
    }`,
    statements: 2,
    async expected(db) {
      // SQLite's lower() and LIKE fold ASCII only: read the names, match in JS with Unicode case folding.
      const all = await rows(db, `SELECT artist_id AS id, name FROM artist ORDER BY artist_id`);
      return {
        motorhead: all.filter((a) => ilikeMatches(a.name, "%MOTÖRHEAD%")),
        vinicius: all.filter((a) => ilikeMatches(a.name, "vINÍCIUS%")),
      };
    },
  },
  {
    name: "String _gt _gte _lt _lte compare by code point",
    domain: "catalog",
    query: `{
      artists(where: {_or: [{name: {_lt: "Ab"}}, {name: {_gte: "Z"}}, {_and: [{name: {_gt: "Mo"}}, {name: {_lte: "Mot"}}]}]}, orderBy: [{name: ASC}]) { id name }
    }`,
    statements: 1,
    async expected(db) {
      // BINARY collation: SQLite compares the UTF-8 bytes, i.e. code points ('C' < 'a', 'ö' > 'z').
      return {
        artists: await rows(
          db,
          `SELECT artist_id AS id, name FROM artist WHERE name < 'Ab' OR name >= 'Z' OR (name > 'Mo' AND name <= 'Mot')
            ORDER BY name IS NULL, name, artist_id`,
        ),
      };
    },
  },
  {
    name: "Float filters _eq _gt _lte _in _nin on unitPrice",
    domain: "catalog",
    query: `query($price: Float!) {
      expensive: tracksAggregate(where: {unitPrice: {_eq: $price}}) { count }
      cheap: tracksAggregate(where: {unitPrice: {_lte: 0.99}}) { count }
      over: tracksAggregate(where: {unitPrice: {_gt: 1.5}}) { count }
      inList: tracksAggregate(where: {unitPrice: {_in: [0.99, 3.5]}}) { count }
      tracks(where: {unitPrice: {_nin: [0.99]}, album: {artist: {name: {_eq: "Lost"}}}}, limit: 5) { id unitPrice }
    }`,
    variables: { price: 1.99 },
    statements: 5,
    async expected(db) {
      const count = async (where: string) => ({ count: (await rows(db, `SELECT count(*) AS n FROM track WHERE ${where}`))[0].n });
      return {
        expensive: await count(`round(unit_price * 100) = 199`),
        cheap: await count(`round(unit_price * 100) <= 99`),
        over: await count(`round(unit_price * 100) > 150`),
        inList: await count(`round(unit_price * 100) IN (99, 350)`),
        tracks: await rows(
          db,
          `SELECT t.track_id AS id, t.unit_price AS unitPrice FROM track t JOIN album al ON al.album_id = t.album_id
             JOIN artist ar ON ar.artist_id = al.artist_id
            WHERE round(t.unit_price * 100) <> 99 AND ar.name = 'Lost' ORDER BY t.track_id LIMIT 5`,
        ),
      };
    },
  },
  {
    name: "_and, _or and _not nested three deep",
    domain: "catalog",
    query: `query($genre: String!) {
      tracks(where: {_or: [
        {_and: [{genre: {name: {_eq: $genre}}}, {milliseconds: {_lt: 200000}}, {_not: {composer: {_isNull: true}}}]},
        {_and: [{album: {id: {_eq: 1}}}, {_not: {_or: [{name: {_like: "%Rock%"}}, {milliseconds: {_gt: 300000}}]}}]}
      ]}, limit: 200) { id name milliseconds }
    }`,
    variables: { genre: "Jazz" },
    statements: 1,
    async expected(db) {
      return {
        tracks: await rows(
          db,
          `SELECT t.track_id AS id, t.name, t.milliseconds FROM track t
            WHERE (t.genre_id IN (SELECT genre_id FROM genre WHERE name = 'Jazz') AND t.milliseconds < 200000 AND t.composer IS NOT NULL)
               OR (t.album_id = 1 AND NOT (instr(t.name, 'Rock') > 0 OR t.milliseconds > 300000))
            ORDER BY t.track_id LIMIT 200`,
        ),
      };
    },
  },
  {
    name: "Filters through object relations two levels deep (track → album → artist)",
    domain: "catalog",
    query: `{
      tracks(where: {album: {artist: {name: {_eq: "AC/DC"}}}, milliseconds: {_gt: 250000}}) { id name album { title } }
    }`,
    statements: 1,
    async expected(db) {
      const found = await rows(
        db,
        `SELECT t.track_id, t.name, al.title FROM track t JOIN album al ON al.album_id = t.album_id
           JOIN artist ar ON ar.artist_id = al.artist_id
          WHERE ar.name = 'AC/DC' AND t.milliseconds > 250000 ORDER BY t.track_id LIMIT 100`,
      );
      return { tracks: found.map((t) => ({ id: t.track_id, name: t.name, album: { title: t.title } })) };
    },
  },
  {
    name: "Filters through list relations mean some related row matches; _not of an empty filter means none",
    domain: "catalog",
    query: `{
      artists(where: {albums: {tracks: {genre: {name: {_eq: "Opera"}}}}}) { id name }
      playlistsWithout: playlists(where: {_not: {tracks: {}}}) { id name }
      genres(where: {tracks: {milliseconds: {_gt: 2000000}}}, orderBy: [{name: DESC}]) { name }
    }`,
    statements: 3,
    async expected(db) {
      const artists = await rows(
        db,
        `SELECT a.artist_id AS id, a.name FROM artist a WHERE EXISTS (
           SELECT 1 FROM album al JOIN track t ON t.album_id = al.album_id JOIN genre g ON g.genre_id = t.genre_id
            WHERE al.artist_id = a.artist_id AND g.name = 'Opera') ORDER BY a.artist_id LIMIT 100`,
      );
      const playlistsWithout = await rows(
        db,
        `SELECT playlist_id AS id, name FROM playlist p
          WHERE NOT EXISTS (SELECT 1 FROM playlist_track pt WHERE pt.playlist_id = p.playlist_id) ORDER BY playlist_id`,
      );
      const genres = await rows(
        db,
        `SELECT name FROM genre g WHERE EXISTS (SELECT 1 FROM track t WHERE t.genre_id = g.genre_id AND t.milliseconds > 2000000)
          ORDER BY name IS NOT NULL, name DESC, genre_id`,
      );
      return { artists, playlistsWithout, genres };
    },
  },
];
