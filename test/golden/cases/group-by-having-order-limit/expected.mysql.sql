SELECT JSON_OBJECT('key', JSON_OBJECT('billingCountry', CONVERT(g.`c0` USING utf8mb4) COLLATE utf8mb4_bin), 'count', count(*), 'sum', JSON_OBJECT('total', ROUND(sum(g.`c1`), 10)), 'min', JSON_OBJECT('invoiceDate', min(g.`c2`)), 'max', JSON_OBJECT('total', max(g.`c1`))) AS j
FROM
  (SELECT t0.`billing_country` AS `c0`, t0.`total` AS `c1`, t0.`invoice_date` AS `c2`
  FROM `invoice` AS t0
  WHERE t0.`invoice_date` >= ?) AS g
GROUP BY g.`c0`
HAVING (count(*) >= ? AND ROUND(sum(g.`c1`), 10) > ?)
ORDER BY count(*) DESC, ROUND(sum(g.`c1`), 10) IS NULL DESC, ROUND(sum(g.`c1`), 10) DESC, g.`c0` IS NULL ASC, g.`c0` ASC
LIMIT ?
OFFSET ?
-- bindings: ["2023-01-01 00:00:00",5,20,4,1]
