SELECT json_build_object('id', t0."track_id", 'name', t0."name", 'composer', t0."composer", 'milliseconds', t0."milliseconds", 'unitPrice', t0."unit_price") AS j
FROM "track" AS t0
WHERE ((t0."unit_price" <= $1 AND t0."milliseconds" < $2) AND t0."composer" IS NOT NULL)
ORDER BY t0."milliseconds" DESC NULLS FIRST, t0."name" ASC NULLS LAST, t0."track_id" ASC NULLS LAST
LIMIT $3
OFFSET $4
-- bindings: [0.99,60000,5,10]
