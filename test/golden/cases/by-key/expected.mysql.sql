SELECT JSON_OBJECT('id', t0.`track_id`, 'name', t0.`name`, 'composer', t0.`composer`, 'bytes', t0.`bytes`) AS j
FROM `track` AS t0
WHERE t0.`track_id` = ?
-- bindings: [1]

SELECT JSON_OBJECT('id', t0.`track_id`) AS j
FROM `track` AS t0
WHERE t0.`track_id` = ?
-- bindings: [999999]
