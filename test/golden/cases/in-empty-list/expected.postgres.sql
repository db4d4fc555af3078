SELECT json_build_object('id', t0."genre_id") AS j
FROM "genre" AS t0
WHERE 1=0
ORDER BY t0."genre_id" ASC NULLS LAST
LIMIT $1
-- bindings: [100]

SELECT json_build_object('id', t0."genre_id", 'name', t0."name") AS j
FROM "genre" AS t0
WHERE 1=1
ORDER BY t0."genre_id" ASC NULLS LAST
LIMIT $1
-- bindings: [3]

SELECT json_build_object('name', t0."name", 'albums',
    (SELECT coalesce(json_agg(x.j ORDER BY x.n), '[]'::json)
    FROM
      (SELECT json_build_object('title', t1."title") AS j, ROW_NUMBER() OVER (ORDER BY t1."album_id" ASC NULLS LAST) AS n
      FROM "album" AS t1
      WHERE t1."artist_id" = t0."artist_id" AND 1=0
      ORDER BY t1."album_id" ASC NULLS LAST
      LIMIT $1) AS x)) AS j
FROM "artist" AS t0
WHERE t0."artist_id" = $2
ORDER BY t0."artist_id" ASC NULLS LAST
LIMIT $3
-- bindings: [100,1,100]
