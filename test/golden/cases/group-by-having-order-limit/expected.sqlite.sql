SELECT json_object('key', json_object('billingCountry', t0.`billing_country`), 'count', count(*), 'sum', json_object('total', round(sum(t0.`total`), 10)), 'min', json_object('invoiceDate', min(t0.`invoice_date`)), 'max', json_object('total', max(t0.`total`))) AS j
FROM `invoice` AS t0
WHERE t0.`invoice_date` >= ?
GROUP BY t0.`billing_country`
HAVING (count(*) >= ? AND round(sum(t0.`total`), 10) > ?)
ORDER BY count(*) DESC NULLS FIRST, round(sum(t0.`total`), 10) DESC NULLS FIRST, t0.`billing_country` ASC NULLS LAST
LIMIT ?
OFFSET ?
-- bindings: ["2023-01-01 00:00:00",5,20,4,1]
