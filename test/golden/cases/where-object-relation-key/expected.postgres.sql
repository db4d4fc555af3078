SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE (t0."genre_id" IS NOT NULL AND t0."genre_id" = $1)
ORDER BY t0."track_id" DESC NULLS FIRST
LIMIT $2
OFFSET $3
-- bindings: [2,3,20]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE (NOT (t0."genre_id" IS NOT NULL AND t0."genre_id" IN ($1)) AND t0."track_id" > $2)
ORDER BY t0."album_id" DESC NULLS FIRST, t0."track_id" ASC NULLS LAST
LIMIT $3
-- bindings: [1,3490,100]
