SELECT json_object('count', count(*), 'sum', json_object('total', round(sum(t0.`total`), 10), 'id', sum(t0.`invoice_id`)), 'avg', json_object('total', round(avg(t0.`total`), 10)), 'min', json_object('id', min(t0.`invoice_id`), 'total', min(t0.`total`), 'invoiceDate', min(t0.`invoice_date`), 'billingCity', min(t0.`billing_city`)), 'max', json_object('id', max(t0.`invoice_id`), 'total', max(t0.`total`), 'invoiceDate', max(t0.`invoice_date`), 'billingCity', max(t0.`billing_city`))) AS j
FROM `invoice` AS t0
WHERE t0.`billing_country` = ?
-- bindings: ["Germany"]
