SELECT JSON_OBJECT('count', count(*), 'sum', JSON_OBJECT('total', ROUND(sum(t0.`total`), 10), 'id', sum(t0.`invoice_id`)), 'avg', JSON_OBJECT('total', ROUND(AVG(CAST(t0.`total` AS DOUBLE)), 10)), 'min', JSON_OBJECT('id', min(t0.`invoice_id`), 'total', min(t0.`total`), 'invoiceDate', min(t0.`invoice_date`), 'billingCity', CONVERT(min(t0.`billing_city`) USING utf8mb4) COLLATE utf8mb4_bin), 'max', JSON_OBJECT('id', max(t0.`invoice_id`), 'total', max(t0.`total`), 'invoiceDate', max(t0.`invoice_date`), 'billingCity', CONVERT(max(t0.`billing_city`) USING utf8mb4) COLLATE utf8mb4_bin)) AS j
FROM `invoice` AS t0
WHERE t0.`billing_country` = ?
-- bindings: ["Germany"]
