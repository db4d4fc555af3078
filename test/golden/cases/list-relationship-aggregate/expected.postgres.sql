SELECT ('{' || ('"title":' || coalesce(to_json(t0."title")::text, 'null') || ',"tracksAggregate":' || coalesce((SELECT json_build_object('count', count(*), 'sum', json_build_object('milliseconds', sum(t1."milliseconds")), 'avg', json_build_object('unitPrice', CAST(round(CAST(avg(t1."unit_price") AS numeric), 10) AS double precision)), 'min', json_build_object('milliseconds', min(t1."milliseconds")), 'max', json_build_object('milliseconds', max(t1."milliseconds"), 'unitPrice', max(t1."unit_price")))
        FROM "track" AS t1
        WHERE t1."album_id" = t0."album_id" AND t1."milliseconds" > $1), 'null') || ',"allTracks":' || coalesce((SELECT json_build_object('count', count(*))
        FROM "track" AS t2
        WHERE t2."album_id" = t0."album_id"), 'null')) || '}') AS j
FROM "album" AS t0
WHERE EXISTS
  (SELECT 1
  FROM "artist" AS t3
  WHERE t3."artist_id" = t0."artist_id" AND t3."name" = $2)
ORDER BY t0."title" ASC NULLS LAST, t0."album_id" ASC NULLS LAST
LIMIT $3
-- bindings: [250000,"Led Zeppelin",3]
