SELECT JSON_OBJECT('id', t0.`track_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `track` AS t0
WHERE (t0.`milliseconds` > ? AND EXISTS
    (SELECT 1
    FROM `album` AS t1
    WHERE t1.`album_id` = t0.`album_id` AND EXISTS
      (SELECT 1
      FROM `artist` AS t2
      WHERE t2.`artist_id` = t1.`artist_id` AND t2.`name` = ?)))
ORDER BY t0.`track_id` ASC
LIMIT ?
-- bindings: [300000,"AC/DC",5]
