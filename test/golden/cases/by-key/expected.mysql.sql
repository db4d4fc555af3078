SELECT JSON_OBJECT('id', t0.`track_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'composer', CONVERT(t0.`composer` USING utf8mb4) COLLATE utf8mb4_bin, 'bytes', t0.`bytes`) AS j
FROM `track` AS t0
WHERE t0.`track_id` = ?
-- bindings: [1]

SELECT JSON_OBJECT('id', t0.`track_id`) AS j
FROM `track` AS t0
WHERE t0.`track_id` = ?
-- bindings: [999999]
