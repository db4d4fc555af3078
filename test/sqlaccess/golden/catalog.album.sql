CREATE VIEW "catalog"."album" AS SELECT t0."album_id" AS "id", t0."title" AS "title", t0."artist_id" AS "artist_id"
FROM "meshql_source_catalog"."album" AS t0
WHERE ((SELECT meshql.gate('catalog.Album', ARRAY[]::text[])) OR t0."album_id" IS NULL)
