CREATE VIEW "catalog"."media_type" AS SELECT t0."media_type_id" AS "id", t0."name" AS "name"
FROM "meshql_source_catalog"."media_type" AS t0
WHERE ((SELECT meshql.gate('catalog.MediaType', ARRAY[]::text[])) OR t0."media_type_id" IS NULL)
