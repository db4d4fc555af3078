SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null') || ',"composer":' || coalesce(to_json(t0."composer")::text, 'null') || ',"bytes":' || coalesce(to_json(t0."bytes")::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE t0."track_id" = $1
-- bindings: [1]

SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE t0."track_id" = $1
-- bindings: [999999]
