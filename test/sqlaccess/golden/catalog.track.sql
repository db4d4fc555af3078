CREATE VIEW "catalog"."track" AS SELECT t0."track_id" AS "id", t0."name" AS "name", t0."composer" AS "composer", t0."milliseconds" AS "milliseconds", t0."bytes" AS "bytes", t0."unit_price" AS "unit_price", t0."album_id" AS "album_id", t0."genre_id" AS "genre_id", t0."media_type_id" AS "media_type_id"
FROM "meshql_source_catalog"."track" AS t0
WHERE ((SELECT meshql.gate('catalog.Track', ARRAY[]::text[])) OR t0."track_id" IS NULL)
