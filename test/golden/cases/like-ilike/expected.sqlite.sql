SELECT json_object('id', t0.`artist_id`, 'name', t0.`name`) AS j
FROM `artist` AS t0
WHERE t0.`name` GLOB ?
ORDER BY t0.`artist_id` ASC NULLS LAST
LIMIT ?
-- bindings: ["A*",4]

SELECT json_object('id', t0.`artist_id`, 'name', t0.`name`) AS j
FROM `artist` AS t0
WHERE t0.`name` GLOB ?
ORDER BY t0.`artist_id` ASC NULLS LAST
LIMIT ?
-- bindings: ["a*",4]

SELECT json_object('id', t0.`artist_id`, 'name', t0.`name`) AS j
FROM `artist` AS t0
WHERE meshql_fold(t0.`name`) LIKE meshql_fold(?) ESCAPE '\'
ORDER BY t0.`artist_id` ASC NULLS LAST
LIMIT ?
-- bindings: ["%orchestra%",4]

SELECT json_object('id', t0.`artist_id`, 'name', t0.`name`) AS j
FROM `artist` AS t0
WHERE t0.`name` GLOB ?
ORDER BY t0.`artist_id` ASC NULLS LAST
LIMIT ?
-- bindings: ["AC/DC*",100]

SELECT json_object('id', t0.`track_id`, 'name', t0.`name`) AS j
FROM `track` AS t0
WHERE t0.`name` GLOB ?
ORDER BY t0.`track_id` ASC NULLS LAST
LIMIT ?
-- bindings: ["*100%*",100]
