CREATE VIEW "catalog"."genre" AS SELECT t0."genre_id" AS "id", t0."name" AS "name"
FROM "meshql_source_catalog"."genre" AS t0
WHERE ((SELECT meshql.gate('catalog.Genre', ARRAY[]::text[])) OR t0."genre_id" IS NULL)
