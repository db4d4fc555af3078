SELECT JSON_OBJECT('id', t0.`track_id`, 'name', CONVERT(t0.`name` USING utf8mb4) COLLATE utf8mb4_bin, 'composer', CONVERT(t0.`composer` USING utf8mb4) COLLATE utf8mb4_bin, 'milliseconds', t0.`milliseconds`, 'unitPrice', t0.`unit_price`) AS j
FROM `track` AS t0
WHERE ((t0.`unit_price` <= ? AND t0.`milliseconds` < ?) AND t0.`composer` IS NOT NULL)
ORDER BY t0.`milliseconds` DESC, t0.`name` ASC, t0.`track_id` ASC
LIMIT ?
OFFSET ?
-- bindings: [0.99,60000,5,10]
