SELECT json_object('title', t0.`title`, 'tracksAggregate',
    json((SELECT json_object('count', count(*), 'sum', json_object('milliseconds', sum(t1.`milliseconds`)), 'avg', json_object('unitPrice', round(avg(t1.`unit_price`), 10)), 'min', json_object('milliseconds', min(t1.`milliseconds`)), 'max', json_object('milliseconds', max(t1.`milliseconds`), 'unitPrice', max(t1.`unit_price`)))
      FROM `track` AS t1
      WHERE t1.`album_id` = t0.`album_id` AND t1.`milliseconds` > ?)), 'allTracks',
    json((SELECT json_object('count', count(*))
      FROM `track` AS t2
      WHERE t2.`album_id` = t0.`album_id`))) AS j
FROM `album` AS t0
WHERE EXISTS
  (SELECT 1
  FROM `artist` AS t3
  WHERE t3.`artist_id` = t0.`artist_id` AND t3.`name` = ?)
ORDER BY t0.`title` ASC NULLS LAST, t0.`album_id` ASC NULLS LAST
LIMIT ?
-- bindings: [250000,"Led Zeppelin",3]
