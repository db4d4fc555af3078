SELECT JSON_OBJECT('id', t0.`artist_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'albums',
    (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('title', CONVERT(t1.`title` USING utf8mb4) COLLATE utf8mb4_bin, 'tracks',
            (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('name', CONVERT(t2.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'milliseconds', t2.`milliseconds`) ORDER BY t2.`milliseconds` DESC, t2.`track_id` ASC LIMIT ? OFFSET ?), JSON_ARRAY())
            FROM `track` AS t2
            WHERE t2.`album_id` = t1.`album_id` AND t2.`milliseconds` > ?)) ORDER BY t1.`title` DESC, t1.`album_id` ASC LIMIT ?), JSON_ARRAY())
    FROM `album` AS t1
    WHERE t1.`artist_id` = t0.`artist_id` AND t1.`title` <> ?)) AS j
FROM `artist` AS t0
WHERE t0.`artist_id` IN (?, ?, ?)
ORDER BY t0.`name` IS NULL ASC, t0.`name` ASC, t0.`artist_id` ASC
LIMIT ?
-- bindings: [3,1,200000,2,"Live After Death",1,22,90,100]
