SELECT json_build_object('id', t0."track_id", 'name', t0."name", 'composer', t0."composer", 'bytes', t0."bytes") AS j
FROM "track" AS t0
WHERE t0."track_id" = $1
-- bindings: [1]

SELECT json_build_object('id', t0."track_id") AS j
FROM "track" AS t0
WHERE t0."track_id" = $1
-- bindings: [999999]
