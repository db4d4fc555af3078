SELECT json_object('id', t0.`track_id`, 'name', t0.`name`) AS j
FROM `track` AS t0
WHERE EXISTS
  (SELECT 1
  FROM `genre` AS t1
  WHERE t1.`genre_id` = t0.`genre_id` AND t1.`genre_id` = ?)
ORDER BY t0.`track_id` DESC NULLS FIRST
LIMIT ?
OFFSET ?
-- bindings: [2,3,20]

SELECT json_object('id', t0.`track_id`, 'name', t0.`name`) AS j
FROM `track` AS t0
WHERE (NOT EXISTS
    (SELECT 1
    FROM `genre` AS t1
    WHERE t1.`genre_id` = t0.`genre_id` AND t1.`genre_id` IN (?)) AND t0.`track_id` > ?)
ORDER BY
  (SELECT t2.`album_id`
  FROM `album` AS t2
  WHERE t2.`album_id` = t0.`album_id`) DESC NULLS FIRST, t0.`track_id` ASC NULLS LAST
LIMIT ?
-- bindings: [1,3490,100]
