SELECT JSON_OBJECT('id', t0.`artist_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `artist` AS t0
WHERE t0.`name` LIKE ?
ORDER BY t0.`artist_id` ASC
LIMIT ?
-- bindings: ["A%",4]

SELECT JSON_OBJECT('id', t0.`artist_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `artist` AS t0
WHERE t0.`name` LIKE ?
ORDER BY t0.`artist_id` ASC
LIMIT ?
-- bindings: ["a%",4]

SELECT JSON_OBJECT('id', t0.`artist_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `artist` AS t0
WHERE LOWER(t0.`name`) LIKE LOWER(?)
ORDER BY t0.`artist_id` ASC
LIMIT ?
-- bindings: ["%orchestra%",4]

SELECT JSON_OBJECT('id', t0.`artist_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `artist` AS t0
WHERE t0.`name` LIKE ?
ORDER BY t0.`artist_id` ASC
LIMIT ?
-- bindings: ["AC\\/DC%",100]

SELECT JSON_OBJECT('id', t0.`track_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin) AS j
FROM `track` AS t0
WHERE t0.`name` LIKE ?
ORDER BY t0.`track_id` ASC
LIMIT ?
-- bindings: ["%100\\%%",100]
