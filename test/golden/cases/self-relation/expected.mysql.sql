SELECT JSON_OBJECT('id', t0.`employee_id`, 'firstName', CONVERT(t0.`first_name` USING utf8mb4) COLLATE utf8mb4_bin, 'reportsTo',
    (SELECT JSON_OBJECT('id', t1.`employee_id`, 'firstName', CONVERT(t1.`first_name` USING utf8mb4) COLLATE utf8mb4_bin, 'reportsTo',
        (SELECT JSON_OBJECT('firstName', CONVERT(t2.`first_name` USING utf8mb4) COLLATE utf8mb4_bin)
        FROM `employee` AS t2
        WHERE t2.`employee_id` = t1.`reports_to`))
    FROM `employee` AS t1
    WHERE t1.`employee_id` = t0.`reports_to`), 'reports',
    (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', t3.`employee_id`, 'firstName', CONVERT(t3.`first_name` USING utf8mb4) COLLATE utf8mb4_bin) ORDER BY t3.`employee_id` DESC LIMIT ?), JSON_ARRAY())
    FROM `employee` AS t3
    WHERE t3.`reports_to` = t0.`employee_id`), 'customersAggregate',
    (SELECT JSON_OBJECT('count', count(*))
    FROM `customer` AS t4
    WHERE t4.`support_rep_id` = t0.`employee_id`)) AS j
FROM `employee` AS t0
ORDER BY t0.`employee_id` ASC
LIMIT ?
-- bindings: [100,100]
