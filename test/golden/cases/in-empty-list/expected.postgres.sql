SELECT ('{' || ('"id":' || coalesce(to_json(t0."genre_id")::text, 'null')) || '}') AS j
FROM "genre" AS t0
WHERE 1=0
ORDER BY t0."genre_id" ASC NULLS LAST
LIMIT $1
-- bindings: [100]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."genre_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "genre" AS t0
WHERE 1=1
ORDER BY t0."genre_id" ASC NULLS LAST
LIMIT $1
-- bindings: [3]

SELECT ('{' || ('"name":' || coalesce(to_json(t0."name")::text, 'null') || ',"albums":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 ASC NULLS LAST), '') || ']'
        FROM
          (SELECT ('{' || ('"title":' || coalesce(to_json(t1."title")::text, 'null')) || '}') AS j, t1."album_id" AS k0
          FROM "album" AS t1
          WHERE t1."artist_id" = t0."artist_id" AND 1=0
          ORDER BY t1."album_id" ASC NULLS LAST
          LIMIT $1) AS x), 'null')) || '}') AS j
FROM "artist" AS t0
WHERE t0."artist_id" = $2
ORDER BY t0."artist_id" ASC NULLS LAST
LIMIT $3
-- bindings: [100,1,100]
