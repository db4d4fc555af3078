SELECT JSON_OBJECT('title', CONVERT(t0.`title` USING utf8mb4) COLLATE utf8mb4_bin, 'tracksAggregate',
    (SELECT JSON_OBJECT('count', count(*), 'sum', JSON_OBJECT('milliseconds', sum(t1.`milliseconds`)), 'avg', JSON_OBJECT('unitPrice', ROUND(AVG(CAST(t1.`unit_price` AS DOUBLE)), 10)), 'min', JSON_OBJECT('milliseconds', min(t1.`milliseconds`)), 'max', JSON_OBJECT('milliseconds', max(t1.`milliseconds`), 'unitPrice', max(t1.`unit_price`)))
    FROM `track` AS t1
    WHERE t1.`album_id` = t0.`album_id` AND t1.`milliseconds` > ?), 'allTracks',
    (SELECT JSON_OBJECT('count', count(*))
    FROM `track` AS t2
    WHERE t2.`album_id` = t0.`album_id`)) AS j
FROM `album` AS t0
WHERE EXISTS
  (SELECT 1
  FROM `artist` AS t3
  WHERE t3.`artist_id` = t0.`artist_id` AND t3.`name` = ?)
ORDER BY t0.`title` ASC, t0.`album_id` ASC
LIMIT ?
-- bindings: [250000,"Led Zeppelin",3]
