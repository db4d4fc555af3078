SELECT json_object('id', t0.`playlist_id`, 'name', t0.`name`, 'tracks',
    json((SELECT json_group_array(json(x.j) ORDER BY x.k0 ASC NULLS LAST, x.k1 ASC NULLS LAST)
      FROM
        (SELECT json_object('name', t1.`name`, 'playlists',
            json((SELECT json_group_array(json(x.j) ORDER BY x.k0 DESC NULLS FIRST)
              FROM
                (SELECT json_object('id', t2.`playlist_id`) AS j, t2.`playlist_id` AS k0
                FROM `playlist` AS t2
                WHERE t2.`playlist_id` IN
                  (SELECT t3.`playlist_id`
                  FROM `playlist_track` AS t3
                  WHERE t3.`track_id` = t1.`track_id`) AND t2.`playlist_id` < ?
                ORDER BY t2.`playlist_id` DESC NULLS FIRST
                LIMIT ?) AS x))) AS j, t1.`name` AS k0, t1.`track_id` AS k1
        FROM `track` AS t1
        WHERE t1.`track_id` IN
          (SELECT t4.`track_id`
          FROM `playlist_track` AS t4
          WHERE t4.`playlist_id` = t0.`playlist_id`)
        ORDER BY t1.`name` ASC NULLS LAST, t1.`track_id` ASC NULLS LAST
        LIMIT ?) AS x)), 'tracksAggregate',
    json((SELECT json_object('count', count(*))
      FROM `track` AS t5
      WHERE t5.`track_id` IN
        (SELECT t6.`track_id`
        FROM `playlist_track` AS t6
        WHERE t6.`playlist_id` = t0.`playlist_id`)))) AS j
FROM `playlist` AS t0
WHERE t0.`playlist_id` IN (?, ?, ?)
ORDER BY t0.`playlist_id` ASC NULLS LAST
LIMIT ?
-- bindings: [5,100,3,11,13,18,100]
