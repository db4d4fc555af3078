SELECT JSON_OBJECT('id', t0.`track_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `track` AS t0
WHERE EXISTS
  (SELECT 1
  FROM `genre` AS t1
  WHERE t1.`genre_id` = t0.`genre_id` AND t1.`genre_id` = ?)
ORDER BY t0.`track_id` DESC
LIMIT ?
OFFSET ?
-- bindings: [2,3,20]

SELECT JSON_OBJECT('id', t0.`track_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `track` AS t0
WHERE (NOT EXISTS
    (SELECT 1
    FROM `genre` AS t1
    WHERE t1.`genre_id` = t0.`genre_id` AND t1.`genre_id` IN (?)) AND t0.`track_id` > ?)
ORDER BY
  (SELECT t2.`album_id`
  FROM `album` AS t2
  WHERE t2.`album_id` = t0.`album_id`) IS NULL DESC,
  (SELECT t2.`album_id`
  FROM `album` AS t2
  WHERE t2.`album_id` = t0.`album_id`) DESC, t0.`track_id` ASC
LIMIT ?
-- bindings: [1,3490,100]
