SELECT json_build_object('key', json_build_object('billingCountry', t0."billing_country"), 'count', count(*), 'sum', json_build_object('total', CAST(round(CAST(sum(t0."total") AS numeric), 10) AS double precision)), 'min', json_build_object('invoiceDate', min(t0."invoice_date")), 'max', json_build_object('total', max(t0."total"))) AS j
FROM "invoice" AS t0
WHERE t0."invoice_date" >= $1
GROUP BY t0."billing_country"
HAVING (count(*) >= $2 AND CAST(round(CAST(sum(t0."total") AS numeric), 10) AS double precision) > $3)
ORDER BY count(*) DESC NULLS FIRST, CAST(round(CAST(sum(t0."total") AS numeric), 10) AS double precision) DESC NULLS FIRST, t0."billing_country" ASC NULLS LAST
LIMIT $4
OFFSET $5
-- bindings: ["2023-01-01 00:00:00",5,20,4,1]
