SELECT ('{' || ('"title":' || coalesce(to_json(t0."title")::text, 'null') || ',"tracksAggregate":' || coalesce((SELECT ('{' || ('"count":' || coalesce(to_json(count(*))::text, 'null') || ',"sum":' || coalesce(('{' || ('"milliseconds":' || coalesce(to_json(sum(t1."milliseconds"))::text, 'null')) || '}'), 'null') || ',"avg":' || coalesce(('{' || ('"unitPrice":' || coalesce(to_json(CAST(round(CAST(avg(t1."unit_price") AS numeric), 10) AS double precision))::text, 'null')) || '}'), 'null') || ',"min":' || coalesce(('{' || ('"milliseconds":' || coalesce(to_json(min(t1."milliseconds"))::text, 'null')) || '}'), 'null') || ',"max":' || coalesce(('{' || ('"milliseconds":' || coalesce(to_json(max(t1."milliseconds"))::text, 'null') || ',"unitPrice":' || coalesce(to_json(CAST(max(t1."unit_price") AS double precision))::text, 'null')) || '}'), 'null')) || '}')
        FROM "track" AS t1
        WHERE t1."album_id" = t0."album_id" AND t1."milliseconds" > $1), 'null') || ',"allTracks":' || coalesce((SELECT ('{' || ('"count":' || coalesce(to_json(count(*))::text, 'null')) || '}')
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
