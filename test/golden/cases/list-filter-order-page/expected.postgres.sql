SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null') || ',"composer":' || coalesce(to_json(t0."composer")::text, 'null') || ',"milliseconds":' || coalesce(to_json(t0."milliseconds")::text, 'null') || ',"unitPrice":' || coalesce(to_json(CAST(t0."unit_price" AS double precision))::text, 'null')) || '}') AS j
FROM "track" AS t0
WHERE ((t0."unit_price" <= $1 AND t0."milliseconds" < $2) AND t0."composer" IS NOT NULL)
ORDER BY t0."milliseconds" DESC NULLS FIRST, t0."name" ASC NULLS LAST, t0."track_id" ASC NULLS LAST
LIMIT $3
OFFSET $4
-- bindings: [0.99,60000,5,10]
