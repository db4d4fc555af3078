SELECT JSON_OBJECT('id', t0.`invoice_id`, 'total', t0.`total`, 'customer', CASE WHEN t0.`customer_id` IS NULL THEN NULL ELSE JSON_OBJECT('id', t0.`customer_id`, 'invoices',
      (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', t1.`invoice_id`, 'invoiceDate', t1.`invoice_date`, 'total', t1.`total`) ORDER BY t1.`invoice_date` DESC, t1.`invoice_id` ASC LIMIT ?), JSON_ARRAY())
      FROM `invoice` AS t1
      WHERE t1.`customer_id` = t0.`customer_id`), 'invoicesAggregate',
      (SELECT JSON_OBJECT('count', count(*), 'sum', JSON_OBJECT('total', ROUND(sum(t2.`total`), 10)))
      FROM `invoice` AS t2
      WHERE t2.`customer_id` = t0.`customer_id`)) END, 'lines',
    (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', t3.`invoice_line_id`, 'track', JSON_OBJECT('id', t3.`track_id`)) ORDER BY t3.`invoice_line_id` ASC LIMIT ?), JSON_ARRAY())
    FROM `invoice_line` AS t3
    WHERE t3.`invoice_id` = t0.`invoice_id`)) AS j
FROM `invoice` AS t0
WHERE t0.`invoice_id` IN (?, ?, ?)
ORDER BY t0.`invoice_id` ASC
LIMIT ?
-- bindings: [2,2,1,2,98,100]
