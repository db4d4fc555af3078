SELECT json_object('id', t0.`artist_id`, 'name', t0.`name`, 'albums',
    json((SELECT json_group_array(json(x.j) ORDER BY x.k0 DESC NULLS FIRST, x.k1 ASC NULLS LAST)
      FROM
        (SELECT json_object('title', t1.`title`, 'tracks',
            json((SELECT json_group_array(json(x.j) ORDER BY x.k0 DESC NULLS FIRST, x.k1 ASC NULLS LAST)
              FROM
                (SELECT json_object('name', t2.`name`, 'milliseconds', t2.`milliseconds`) AS j, t2.`milliseconds` AS k0, t2.`track_id` AS k1
                FROM `track` AS t2
                WHERE t2.`album_id` = t1.`album_id` AND t2.`milliseconds` > ?
                ORDER BY t2.`milliseconds` DESC NULLS FIRST, t2.`track_id` ASC NULLS LAST
                LIMIT ?
                OFFSET ?) AS x))) AS j, t1.`title` AS k0, t1.`album_id` AS k1
        FROM `album` AS t1
        WHERE t1.`artist_id` = t0.`artist_id` AND t1.`title` <> ?
        ORDER BY t1.`title` DESC NULLS FIRST, t1.`album_id` ASC NULLS LAST
        LIMIT ?) AS x))) AS j
FROM `artist` AS t0
WHERE t0.`artist_id` IN (?, ?, ?)
ORDER BY t0.`name` ASC NULLS LAST, t0.`artist_id` ASC NULLS LAST
LIMIT ?
-- bindings: [200000,3,1,"Live After Death",2,1,22,90,100]
