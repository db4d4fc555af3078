SELECT json_build_object('id', t0."track_id", 'name', t0."name", 'album',
    (SELECT json_build_object('title', t1."title", 'artist',
        (SELECT json_build_object('name', t2."name")
        FROM "artist" AS t2
        WHERE t2."artist_id" = t1."artist_id"))
    FROM "album" AS t1
    WHERE t1."album_id" = t0."album_id"), 'genre',
    (SELECT json_build_object('name', t3."name")
    FROM "genre" AS t3
    WHERE t3."genre_id" = t0."genre_id"), 'mediaType',
    (SELECT json_build_object('name', t4."name")
    FROM "media_type" AS t4
    WHERE t4."media_type_id" = t0."media_type_id")) AS j
FROM "track" AS t0
WHERE t0."track_id" IN ($1, $2, $3, $4)
ORDER BY t0."track_id" DESC NULLS FIRST
LIMIT $5
-- bindings: [1,2,3,2000,100]
