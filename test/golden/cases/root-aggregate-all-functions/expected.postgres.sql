SELECT json_build_object('count', count(*), 'sum', json_build_object('total', CAST(round(CAST(sum(t0."total") AS numeric), 10) AS double precision), 'id', sum(t0."invoice_id")), 'avg', json_build_object('total', CAST(round(CAST(avg(t0."total") AS numeric), 10) AS double precision)), 'min', json_build_object('id', min(t0."invoice_id"), 'total', min(t0."total"), 'invoiceDate', min(t0."invoice_date"), 'billingCity', min(t0."billing_city")), 'max', json_build_object('id', max(t0."invoice_id"), 'total', max(t0."total"), 'invoiceDate', max(t0."invoice_date"), 'billingCity', max(t0."billing_city"))) AS j
FROM "invoice" AS t0
WHERE t0."billing_country" = $1
-- bindings: ["Germany"]
