SELECT json_object('id', t0.`track_id`, 'name', t0.`name`, 'album',
    json((SELECT json_object('title', t1.`title`, 'artist',
          json((SELECT json_object('name', t2.`name`)
            FROM `artist` AS t2
            WHERE t2.`artist_id` = t1.`artist_id`)))
      FROM `album` AS t1
      WHERE t1.`album_id` = t0.`album_id`)), 'genre',
    json((SELECT json_object('name', t3.`name`)
      FROM `genre` AS t3
      WHERE t3.`genre_id` = t0.`genre_id`)), 'mediaType',
    json((SELECT json_object('name', t4.`name`)
      FROM `media_type` AS t4
      WHERE t4.`media_type_id` = t0.`media_type_id`))) AS j
FROM `track` AS t0
WHERE t0.`track_id` IN (?, ?, ?, ?)
ORDER BY t0.`track_id` DESC NULLS FIRST
LIMIT ?
-- bindings: [1,2,3,2000,100]
