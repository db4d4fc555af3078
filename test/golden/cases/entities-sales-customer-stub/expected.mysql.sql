SELECT JSON_OBJECT('__typename', 'Customer', 'id', t0.`id`, 'invoices',
    (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', t1.`invoice_id`, 'total', t1.`total`) ORDER BY t1.`invoice_id` ASC LIMIT ?), JSON_ARRAY())
    FROM `invoice` AS t1
    WHERE t1.`customer_id` = t0.`id`), 'invoicesAggregate',
    (SELECT JSON_OBJECT('count', count(*))
    FROM `invoice` AS t2
    WHERE t2.`customer_id` = t0.`id`)) AS j, t0.`id` AS k0
FROM
  (SELECT ? AS `id`
  UNION ALL SELECT ? AS `id`
  UNION ALL SELECT ? AS `id`) AS t0
-- bindings: [2,2,999999,1]

SELECT JSON_OBJECT('__typename', 'Invoice', 'id', t0.`invoice_id`, 'total', t0.`total`) AS j, t0.`invoice_id` AS k0
FROM `invoice` AS t0
WHERE t0.`invoice_id` IN (?)
-- bindings: [5]
