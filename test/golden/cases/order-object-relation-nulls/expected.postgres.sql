SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"composer":' || coalesce(to_json(t0."composer")::text, 'null') || ',"album":' || coalesce((SELECT ('{' || ('"title":' || coalesce(to_json(t1."title")::text, 'null')) || '}')
        FROM "album" AS t1
        WHERE t1."album_id" = t0."album_id"), 'null')) || '}') AS j
FROM "track" AS t0
WHERE t0."track_id" IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ORDER BY
  (SELECT t2."title"
  FROM "album" AS t2
  WHERE t2."album_id" = t0."album_id") DESC NULLS FIRST, t0."composer" ASC NULLS FIRST, t0."track_id" ASC NULLS LAST
LIMIT $12
-- bindings: [1,2,3,4,5,6,7,63,64,65,66,100]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"composer":' || coalesce(to_json(t0."composer")::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE t0."track_id" IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ORDER BY t0."composer" DESC NULLS LAST,
  (SELECT
    (SELECT t2."name"
    FROM "artist" AS t2
    WHERE t2."artist_id" = t1."artist_id")
  FROM "album" AS t1
  WHERE t1."album_id" = t0."album_id") ASC NULLS FIRST, t0."track_id" ASC NULLS LAST
LIMIT $12
-- bindings: [1,2,3,4,5,6,7,63,64,65,66,100]
