SELECT json_object('id', t0.`invoice_id`, 'total', t0.`total`, 'customer', CASE WHEN t0.`customer_id` IS NULL THEN NULL ELSE json_object('id', t0.`customer_id`, 'invoices',
      json((SELECT json_group_array(json(x.j) ORDER BY x.k0 DESC NULLS FIRST, x.k1 ASC NULLS LAST)
        FROM
          (SELECT json_object('id', t1.`invoice_id`, 'invoiceDate', t1.`invoice_date`, 'total', t1.`total`) AS j, t1.`invoice_date` AS k0, t1.`invoice_id` AS k1
          FROM `invoice` AS t1
          WHERE t1.`customer_id` = t0.`customer_id`
          ORDER BY t1.`invoice_date` DESC NULLS FIRST, t1.`invoice_id` ASC NULLS LAST
          LIMIT ?) AS x)), 'invoicesAggregate',
      json((SELECT json_object('count', count(*), 'sum', json_object('total', round(sum(t2.`total`), 10)))
        FROM `invoice` AS t2
        WHERE t2.`customer_id` = t0.`customer_id`))) END, 'lines',
    json((SELECT json_group_array(json(x.j) ORDER BY x.k0 ASC NULLS LAST)
      FROM
        (SELECT json_object('id', t3.`invoice_line_id`, 'track', json_object('id', t3.`track_id`)) AS j, t3.`invoice_line_id` AS k0
        FROM `invoice_line` AS t3
        WHERE t3.`invoice_id` = t0.`invoice_id`
        ORDER BY t3.`invoice_line_id` ASC NULLS LAST
        LIMIT ?) AS x))) AS j
FROM `invoice` AS t0
WHERE t0.`invoice_id` IN (?, ?, ?)
ORDER BY t0.`invoice_id` ASC NULLS LAST
LIMIT ?
-- bindings: [2,2,1,2,98,100]
