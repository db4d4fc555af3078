SELECT json_object('id', t0.`genre_id`) AS j
FROM `genre` AS t0
WHERE 1=0
ORDER BY t0.`genre_id` ASC NULLS LAST
LIMIT ?
-- bindings: [100]

SELECT json_object('id', t0.`genre_id`, 'name', t0.`name`) AS j
FROM `genre` AS t0
WHERE 1=1
ORDER BY t0.`genre_id` ASC NULLS LAST
LIMIT ?
-- bindings: [3]

SELECT json_object('name', t0.`name`, 'albums',
    json((SELECT json_group_array(json(x.j) ORDER BY x.k0 ASC NULLS LAST)
      FROM
        (SELECT json_object('title', t1.`title`) AS j, t1.`album_id` AS k0
        FROM `album` AS t1
        WHERE t1.`artist_id` = t0.`artist_id` AND 1=0
        ORDER BY t1.`album_id` ASC NULLS LAST
        LIMIT ?) AS x))) AS j
FROM `artist` AS t0
WHERE t0.`artist_id` = ?
ORDER BY t0.`artist_id` ASC NULLS LAST
LIMIT ?
-- bindings: [100,1,100]
