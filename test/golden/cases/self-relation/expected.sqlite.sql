SELECT json_object('id', t0.`employee_id`, 'firstName', t0.`first_name`, 'reportsTo',
    json((SELECT json_object('id', t1.`employee_id`, 'firstName', t1.`first_name`, 'reportsTo',
          json((SELECT json_object('firstName', t2.`first_name`)
            FROM `employee` AS t2
            WHERE t2.`employee_id` = t1.`reports_to`)))
      FROM `employee` AS t1
      WHERE t1.`employee_id` = t0.`reports_to`)), 'reports',
    json((SELECT json_group_array(json(x.j) ORDER BY x.k0 DESC NULLS FIRST)
      FROM
        (SELECT json_object('id', t3.`employee_id`, 'firstName', t3.`first_name`) AS j, t3.`employee_id` AS k0
        FROM `employee` AS t3
        WHERE t3.`reports_to` = t0.`employee_id`
        ORDER BY t3.`employee_id` DESC NULLS FIRST
        LIMIT ?) AS x)), 'customersAggregate',
    json((SELECT json_object('count', count(*))
      FROM `customer` AS t4
      WHERE t4.`support_rep_id` = t0.`employee_id`))) AS j
FROM `employee` AS t0
ORDER BY t0.`employee_id` ASC NULLS LAST
LIMIT ?
-- bindings: [100,100]
