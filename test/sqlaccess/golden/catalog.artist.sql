CREATE VIEW "catalog"."artist" AS SELECT t0."artist_id" AS "id", t0."name" AS "name"
FROM "meshql_source_catalog"."artist" AS t0
WHERE ((SELECT meshql.gate('catalog.Artist', ARRAY[]::text[])) OR t0."artist_id" IS NULL)
