SELECT ('{' || ('"key":' || coalesce(('{' || ('"billingCountry":' || coalesce(to_json(g."c0")::text, 'null')) || '}'), 'null') || ',"count":' || coalesce(to_json(count(*))::text, 'null') || ',"sum":' || coalesce(('{' || ('"total":' || coalesce(to_json(CAST(round(CAST(sum(g."c1") AS numeric), 10) AS double precision))::text, 'null')) || '}'), 'null') || ',"min":' || coalesce(('{' || ('"invoiceDate":' || coalesce(to_json(min(g."c2"))::text, 'null')) || '}'), 'null') || ',"max":' || coalesce(('{' || ('"total":' || coalesce(to_json(CAST(max(g."c1") AS double precision))::text, 'null')) || '}'), 'null')) || '}') AS j
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
