/* meshql policies: reps-see-their-customers */ SELECT json_object('__typename', 'Customer', 'id', t0.`customer_id`, 'firstName', t0.`first_name`, 'country', t0.`country`, 'supportRep',
    json((SELECT json_object('firstName', t1.`first_name`)
      FROM `employee` AS t1
      WHERE t1.`employee_id` = t0.`support_rep_id`))) AS j, t0.`customer_id` AS k0
FROM `customer` AS t0
WHERE t0.`customer_id` IN (?, ?, ?, ?) AND EXISTS
  (SELECT 1
  FROM `employee` AS t2
  WHERE t2.`employee_id` = t0.`support_rep_id` AND t2.`employee_id` = ?)
-- bindings: [3,1,999999,59,3]
