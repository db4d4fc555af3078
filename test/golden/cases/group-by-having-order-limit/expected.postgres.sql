SELECT json_build_object('key', CAST(('{' || ('"billingCountry":' || coalesce(to_json(g."c0")::text, 'null')) || '}') AS json), 'count', count(*), 'sum', json_build_object('total', CAST(round(CAST(sum(g."c1") AS numeric), 10) AS double precision)), 'min', json_build_object('invoiceDate', min(g."c2")), 'max', json_build_object('total', max(g."c1"))) AS j
FROM
  (SELECT t0."billing_country" AS "c0", t0."total" AS "c1", t0."invoice_date" AS "c2"
  FROM "invoice" AS t0
  WHERE t0."invoice_date" >= $1) AS g
GROUP BY g."c0"
HAVING (count(*) >= $2 AND CAST(round(CAST(sum(g."c1") AS numeric), 10) AS double precision) > $3)
ORDER BY count(*) DESC NULLS FIRST, CAST(round(CAST(sum(g."c1") AS numeric), 10) AS double precision) DESC NULLS FIRST, g."c0" ASC NULLS LAST
LIMIT $4
OFFSET $5
-- bindings: ["2023-01-01 00:00:00",5,20,4,1]
