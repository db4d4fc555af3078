SELECT json_object('__typename', 'Customer', 'id', t0.`id`, 'invoices',
    json((SELECT json_group_array(json(x.j) ORDER BY x.k0 ASC NULLS LAST)
      FROM
        (SELECT json_object('id', t1.`invoice_id`, 'total', t1.`total`) AS j, t1.`invoice_id` AS k0
        FROM `invoice` AS t1
        WHERE t1.`customer_id` = t0.`id`
        ORDER BY t1.`invoice_id` ASC NULLS LAST
        LIMIT ?) AS x)), 'invoicesAggregate',
    json((SELECT json_object('count', count(*))
      FROM `invoice` AS t2
      WHERE t2.`customer_id` = t0.`id`))) AS j, t0.`id` AS k0
FROM
  (SELECT ? AS `id`
  UNION ALL SELECT ? AS `id`
  UNION ALL SELECT ? AS `id`) AS t0
-- bindings: [2,2,999999,1]

SELECT json_object('__typename', 'Invoice', 'id', t0.`invoice_id`, 'total', t0.`total`) AS j, t0.`invoice_id` AS k0
FROM `invoice` AS t0
WHERE t0.`invoice_id` IN (?)
-- bindings: [5]
