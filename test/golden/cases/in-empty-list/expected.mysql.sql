SELECT JSON_OBJECT('id', t0.`genre_id`) AS j
FROM `genre` AS t0
WHERE 1=0
ORDER BY t0.`genre_id` ASC
LIMIT ?
-- bindings: [100]

SELECT JSON_OBJECT('id', t0.`genre_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `genre` AS t0
WHERE 1=1
ORDER BY t0.`genre_id` ASC
LIMIT ?
-- bindings: [3]

SELECT JSON_OBJECT('name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'albums',
    (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('title', CONVERT(t1.`title` USING utf8mb4) COLLATE utf8mb4_bin) ORDER BY t1.`album_id` ASC LIMIT ?), JSON_ARRAY())
    FROM `album` AS t1
    WHERE t1.`artist_id` = t0.`artist_id` AND 1=0)) AS j
FROM `artist` AS t0
WHERE t0.`artist_id` = ?
ORDER BY t0.`artist_id` ASC
LIMIT ?
-- bindings: [100,1,100]
