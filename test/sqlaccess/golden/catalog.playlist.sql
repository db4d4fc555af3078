CREATE VIEW "catalog"."playlist" AS SELECT t0."playlist_id" AS "id", t0."name" AS "name"
FROM "meshql_source_catalog"."playlist" AS t0
WHERE ((SELECT meshql.gate('catalog.Playlist', ARRAY[]::text[])) OR t0."playlist_id" IS NULL)
