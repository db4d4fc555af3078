SELECT JSON_OBJECT('id', t0.`track_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'album',
    (SELECT JSON_OBJECT('title', CONVERT(t1.`title` USING utf8mb4) COLLATE utf8mb4_bin, 'artist',
        (SELECT JSON_OBJECT('name', CONVERT(t2.`name` USING utf8mb4) COLLATE utf8mb4_bin)
        FROM `artist` AS t2
        WHERE t2.`artist_id` = t1.`artist_id`))
    FROM `album` AS t1
    WHERE t1.`album_id` = t0.`album_id`), 'genre',
    (SELECT JSON_OBJECT('name', CONVERT(t3.`name` USING utf8mb4) COLLATE utf8mb4_bin)
    FROM `genre` AS t3
    WHERE t3.`genre_id` = t0.`genre_id`), 'mediaType',
    (SELECT JSON_OBJECT('name', CONVERT(t4.`name` USING utf8mb4) COLLATE utf8mb4_bin)
    FROM `media_type` AS t4
    WHERE t4.`media_type_id` = t0.`media_type_id`)) AS j
FROM `track` AS t0
WHERE t0.`track_id` IN (?, ?, ?, ?)
ORDER BY t0.`track_id` DESC
LIMIT ?
-- bindings: [1,2,3,2000,100]
