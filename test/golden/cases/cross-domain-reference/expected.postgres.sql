SELECT ('{' || ('"id":' || coalesce(to_json(t0."invoice_id")::text, 'null') || ',"total":' || coalesce(to_json(CAST(t0."total" AS double precision))::text, 'null') || ',"customer":' || coalesce(CASE WHEN t0."customer_id" IS NULL THEN NULL ELSE ('{' || ('"id":' || coalesce(to_json(t0."customer_id")::text, 'null') || ',"invoices":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 DESC NULLS FIRST, x.k1 ASC NULLS LAST), '') || ']'
              FROM
                (SELECT ('{' || ('"id":' || coalesce(to_json(t1."invoice_id")::text, 'null') || ',"invoiceDate":' || coalesce(to_json(t1."invoice_date")::text, 'null') || ',"total":' || coalesce(to_json(CAST(t1."total" AS double precision))::text, 'null')) || '}') AS j, t1."invoice_date" AS k0, t1."invoice_id" AS k1
                FROM "invoice" AS t1
                WHERE t1."customer_id" = t0."customer_id"
                ORDER BY t1."invoice_date" DESC NULLS FIRST, t1."invoice_id" ASC NULLS LAST
                LIMIT $1) AS x), 'null') || ',"invoicesAggregate":' || coalesce((SELECT ('{' || ('"count":' || coalesce(to_json(count(*))::text, 'null') || ',"sum":' || coalesce(('{' || ('"total":' || coalesce(to_json(CAST(round(CAST(sum(t2."total") AS numeric), 10) AS double precision))::text, 'null')) || '}'), 'null')) || '}')
              FROM "invoice" AS t2
              WHERE t2."customer_id" = t0."customer_id"), 'null')) || '}') END, 'null') || ',"lines":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 ASC NULLS LAST), '') || ']'
        FROM
          (SELECT ('{' || ('"id":' || coalesce(to_json(t3."invoice_line_id")::text, 'null') || ',"track":' || coalesce(('{' || ('"id":' || coalesce(to_json(t3."track_id")::text, 'null')) || '}'), 'null')) || '}') AS j, t3."invoice_line_id" AS k0
          FROM "invoice_line" AS t3
          WHERE t3."invoice_id" = t0."invoice_id"
          ORDER BY t3."invoice_line_id" ASC NULLS LAST
          LIMIT $2) AS x), 'null')) || '}') AS j
FROM "invoice" AS t0
WHERE t0."invoice_id" IN ($3, $4, $5)
ORDER BY t0."invoice_id" ASC NULLS LAST
LIMIT $6
-- bindings: [2,2,1,2,98,100]
