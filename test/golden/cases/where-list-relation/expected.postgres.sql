SELECT ('{' || ('"id":' || coalesce(to_json(t0."artist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "artist" AS t0
WHERE EXISTS
  (SELECT 1
  FROM "album" AS t1
  WHERE t1."artist_id" = t0."artist_id" AND EXISTS
    (SELECT 1
    FROM "track" AS t2
    WHERE t2."album_id" = t1."album_id" AND EXISTS
      (SELECT 1
      FROM "genre" AS t3
      WHERE t3."genre_id" = t2."genre_id" AND t3."name" = $1)))
ORDER BY t0."artist_id" ASC NULLS LAST
LIMIT $2
-- bindings: ["Opera",100]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."genre_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "genre" AS t0
WHERE NOT EXISTS
  (SELECT 1
  FROM "track" AS t1
  WHERE t1."genre_id" = t0."genre_id" AND t1."milliseconds" > $1)
ORDER BY t0."genre_id" ASC NULLS LAST
LIMIT $2
-- bindings: [600000,5]
