SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE (t0."milliseconds" > $1 AND EXISTS
    (SELECT 1
    FROM "album" AS t1
    WHERE t1."album_id" = t0."album_id" AND EXISTS
      (SELECT 1
      FROM "artist" AS t2
      WHERE t2."artist_id" = t1."artist_id" AND t2."name" = $2)))
ORDER BY t0."track_id" ASC NULLS LAST
LIMIT $3
-- bindings: [300000,"AC/DC",5]
