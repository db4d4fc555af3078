SELECT JSON_OBJECT('id', t0.`playlist_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'tracks',
    (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('name', CONVERT(t1.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'playlists',
            (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', t2.`playlist_id`) ORDER BY t2.`playlist_id` DESC LIMIT ?), JSON_ARRAY())
            FROM `playlist` AS t2
            WHERE t2.`playlist_id` IN
              (SELECT t3.`playlist_id`
              FROM `playlist_track` AS t3
              WHERE t3.`track_id` = t1.`track_id`) AND t2.`playlist_id` < ?)) ORDER BY t1.`name` ASC, t1.`track_id` ASC LIMIT ?), JSON_ARRAY())
    FROM `track` AS t1
    WHERE t1.`track_id` IN
      (SELECT t4.`track_id`
      FROM `playlist_track` AS t4
      WHERE t4.`playlist_id` = t0.`playlist_id`)), 'tracksAggregate',
    (SELECT JSON_OBJECT('count', count(*))
    FROM `track` AS t5
    WHERE t5.`track_id` IN
      (SELECT t6.`track_id`
      FROM `playlist_track` AS t6
      WHERE t6.`playlist_id` = t0.`playlist_id`))) AS j
FROM `playlist` AS t0
WHERE t0.`playlist_id` IN (?, ?, ?)
ORDER BY t0.`playlist_id` ASC
LIMIT ?
-- bindings: [100,5,3,11,13,18,100]
