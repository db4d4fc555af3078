SELECT json_build_object('key', json_build_object('billingCountry', t0."billing_country"), 'count', count(*), 'sum', json_build_object('total', sum(t0."total")), 'min', json_build_object('invoiceDate', min(t0."invoice_date")), 'max', json_build_object('total', max(t0."total"))) AS j
FROM "invoice" AS t0
WHERE t0."invoice_date" >= $1
GROUP BY t0."billing_country"
HAVING (count(*) >= $2 AND sum(t0."total") > $3)
ORDER BY count(*) DESC NULLS FIRST, sum(t0."total") DESC NULLS FIRST, t0."billing_country" ASC NULLS LAST
LIMIT $4
OFFSET $5
-- bindings: ["2023-01-01 00:00:00",5,20,4,1]
