SELECT JSON_OBJECT('id', t0.`track_id`, 'composer', CONVERT(t0.`composer` USING utf8mb4) COLLATE utf8mb4_bin, 'album',
    (SELECT JSON_OBJECT('title', CONVERT(t1.`title` USING utf8mb4) COLLATE utf8mb4_bin)
    FROM `album` AS t1
    WHERE t1.`album_id` = t0.`album_id`)) AS j
FROM `track` AS t0
WHERE t0.`track_id` IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ORDER BY
  (SELECT t2.`title`
  FROM `album` AS t2
  WHERE t2.`album_id` = t0.`album_id`) IS NULL DESC,
  (SELECT t2.`title`
  FROM `album` AS t2
  WHERE t2.`album_id` = t0.`album_id`) DESC, t0.`composer` IS NULL DESC, t0.`composer` ASC, t0.`track_id` ASC
LIMIT ?
-- bindings: [1,2,3,4,5,6,7,63,64,65,66,100]

SELECT JSON_OBJECT('id', t0.`track_id`, 'composer', CONVERT(t0.`composer` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `track` AS t0
WHERE t0.`track_id` IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ORDER BY t0.`composer` IS NULL ASC, t0.`composer` DESC,
  (SELECT
    (SELECT t2.`name`
    FROM `artist` AS t2
    WHERE t2.`artist_id` = t1.`artist_id`)
  FROM `album` AS t1
  WHERE t1.`album_id` = t0.`album_id`) IS NULL DESC,
  (SELECT
    (SELECT t2.`name`
    FROM `artist` AS t2
    WHERE t2.`artist_id` = t1.`artist_id`)
  FROM `album` AS t1
  WHERE t1.`album_id` = t0.`album_id`) ASC, t0.`track_id` ASC
LIMIT ?
-- bindings: [1,2,3,4,5,6,7,63,64,65,66,100]
