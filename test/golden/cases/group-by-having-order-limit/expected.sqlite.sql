SELECT json_object('key', json_object('billingCountry', g.`c0`), 'count', count(*), 'sum', json_object('total', round(sum(g.`c1`), 10)), 'min', json_object('invoiceDate', min(g.`c2`)), 'max', json_object('total', max(g.`c1`))) AS j
FROM
  (SELECT t0.`billing_country` AS `c0`, t0.`total` AS `c1`, t0.`invoice_date` AS `c2`
  FROM `invoice` AS t0
  WHERE t0.`invoice_date` >= ?) AS g
GROUP BY g.`c0`
HAVING (count(*) >= ? AND round(sum(g.`c1`), 10) > ?)
ORDER BY count(*) DESC NULLS FIRST, round(sum(g.`c1`), 10) DESC NULLS FIRST, g.`c0` ASC NULLS LAST
LIMIT ?
OFFSET ?
-- bindings: ["2023-01-01 00:00:00",5,20,4,1]
