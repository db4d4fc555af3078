/* meshql policies: reps-see-their-customers */ SELECT JSON_OBJECT('__typename', 'Customer', 'id', t0.`customer_id`, 'firstName', CONVERT(t0.`first_name` USING utf8mb4) COLLATE utf8mb4_bin, 'country', CONVERT(t0.`country` USING utf8mb4) COLLATE utf8mb4_bin, 'supportRep',
    (SELECT JSON_OBJECT('firstName', CONVERT(t1.`first_name` USING utf8mb4) COLLATE utf8mb4_bin)
    FROM `employee` AS t1
    WHERE t1.`employee_id` = t0.`support_rep_id`)) AS j, t0.`customer_id` AS k0
FROM `customer` AS t0
WHERE t0.`customer_id` IN (?, ?, ?, ?) AND EXISTS
  (SELECT 1
  FROM `employee` AS t2
  WHERE t2.`employee_id` = t0.`support_rep_id` AND t2.`employee_id` = ?)
-- bindings: [3,1,999999,59,3]
