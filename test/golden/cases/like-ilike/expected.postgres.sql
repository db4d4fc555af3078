SELECT ('{' || ('"id":' || coalesce(to_json(t0."artist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "artist" AS t0
WHERE t0."name" LIKE $1
ORDER BY t0."artist_id" ASC NULLS LAST
LIMIT $2
-- bindings: ["A%",4]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."artist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "artist" AS t0
WHERE t0."name" LIKE $1
ORDER BY t0."artist_id" ASC NULLS LAST
LIMIT $2
-- bindings: ["a%",4]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."artist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "artist" AS t0
WHERE t0."name" COLLATE "und-x-icu" ILIKE $1
ORDER BY t0."artist_id" ASC NULLS LAST
LIMIT $2
-- bindings: ["%orchestra%",4]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."artist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "artist" AS t0
WHERE t0."name" LIKE $1
ORDER BY t0."artist_id" ASC NULLS LAST
LIMIT $2
-- bindings: ["AC\\/DC%",100]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE t0."name" LIKE $1
ORDER BY t0."track_id" ASC NULLS LAST
LIMIT $2
-- bindings: ["%100\\%%",100]
