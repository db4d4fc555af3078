SELECT JSON_OBJECT('key', JSON_OBJECT('billingCountry', t0.`billing_country`), 'count', count(*), 'sum', JSON_OBJECT('total', ROUND(sum(t0.`total`), 10)), 'min', JSON_OBJECT('invoiceDate', min(t0.`invoice_date`)), 'max', JSON_OBJECT('total', max(t0.`total`))) AS j
FROM `invoice` AS t0
WHERE t0.`invoice_date` >= ?
GROUP BY t0.`billing_country`
HAVING (count(*) >= ? AND ROUND(sum(t0.`total`), 10) > ?)
ORDER BY count(*) DESC, ROUND(sum(t0.`total`), 10) IS NULL DESC, ROUND(sum(t0.`total`), 10) DESC, t0.`billing_country` IS NULL ASC, t0.`billing_country` ASC
LIMIT ?
OFFSET ?
-- bindings: ["2023-01-01 00:00:00",5,20,4,1]
