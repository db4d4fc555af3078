SELECT ('{' || ('"__typename":' || coalesce(to_json(CAST('Customer' AS text))::text, 'null') || ',"id":' || coalesce(to_json(t0."id")::text, 'null') || ',"invoices":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 ASC NULLS LAST), '') || ']'
        FROM
          (SELECT ('{' || ('"id":' || coalesce(to_json(t1."invoice_id")::text, 'null') || ',"total":' || coalesce(to_json(CAST(t1."total" AS double precision))::text, 'null')) || '}') AS j, t1."invoice_id" AS k0
          FROM "invoice" AS t1
          WHERE t1."customer_id" = t0."id"
          ORDER BY t1."invoice_id" ASC NULLS LAST
          LIMIT $1) AS x), 'null') || ',"invoicesAggregate":' || coalesce((SELECT ('{' || ('"count":' || coalesce(to_json(count(*))::text, 'null')) || '}')
        FROM "invoice" AS t2
        WHERE t2."customer_id" = t0."id"), 'null')) || '}') AS j, t0."id" AS k0
FROM
  (SELECT CAST($2 AS integer) AS "id"
  UNION ALL SELECT CAST($3 AS integer) AS "id"
  UNION ALL SELECT CAST($4 AS integer) AS "id") AS t0
-- bindings: [2,2,999999,1]

SELECT ('{' || ('"__typename":' || coalesce(to_json(CAST('Invoice' AS text))::text, 'null') || ',"id":' || coalesce(to_json(t0."invoice_id")::text, 'null') || ',"total":' || coalesce(to_json(CAST(t0."total" AS double precision))::text, 'null')) || '}') AS j, t0."invoice_id" AS k0
FROM "invoice" AS t0
WHERE t0."invoice_id" IN ($1)
-- bindings: [5]
