SELECT ('{' || ('"id":' || coalesce(to_json(t0."track_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null') || ',"album":' || coalesce((SELECT ('{' || ('"title":' || coalesce(to_json(t1."title")::text, 'null') || ',"artist":' || coalesce((SELECT ('{' || ('"name":' || coalesce(to_json(t2."name")::text, 'null')) || '}')
                FROM "artist" AS t2
                WHERE t2."artist_id" = t1."artist_id"), 'null')) || '}')
        FROM "album" AS t1
        WHERE t1."album_id" = t0."album_id"), 'null') || ',"genre":' || coalesce((SELECT ('{' || ('"name":' || coalesce(to_json(t3."name")::text, 'null')) || '}')
        FROM "genre" AS t3
        WHERE t3."genre_id" = t0."genre_id"), 'null') || ',"mediaType":' || coalesce((SELECT ('{' || ('"name":' || coalesce(to_json(t4."name")::text, 'null')) || '}')
        FROM "media_type" AS t4
        WHERE t4."media_type_id" = t0."media_type_id"), 'null')) || '}') AS j
FROM "track" AS t0
WHERE t0."track_id" IN ($1, $2, $3, $4)
ORDER BY t0."track_id" DESC NULLS FIRST
LIMIT $5
-- bindings: [1,2,3,2000,100]
