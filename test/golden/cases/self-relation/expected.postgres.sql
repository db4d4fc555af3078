SELECT ('{' || ('"id":' || coalesce(to_json(t0."employee_id")::text, 'null') || ',"firstName":' || coalesce(to_json(t0."first_name")::text, 'null') || ',"reportsTo":' || coalesce((SELECT ('{' || ('"id":' || coalesce(to_json(t1."employee_id")::text, 'null') || ',"firstName":' || coalesce(to_json(t1."first_name")::text, 'null') || ',"reportsTo":' || coalesce((SELECT ('{' || ('"firstName":' || coalesce(to_json(t2."first_name")::text, 'null')) || '}')
                FROM "employee" AS t2
                WHERE t2."employee_id" = t1."reports_to"), 'null')) || '}')
        FROM "employee" AS t1
        WHERE t1."employee_id" = t0."reports_to"), 'null') || ',"reports":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 DESC NULLS FIRST), '') || ']'
        FROM
          (SELECT ('{' || ('"id":' || coalesce(to_json(t3."employee_id")::text, 'null') || ',"firstName":' || coalesce(to_json(t3."first_name")::text, 'null')) || '}') AS j, t3."employee_id" AS k0
          FROM "employee" AS t3
          WHERE t3."reports_to" = t0."employee_id"
          ORDER BY t3."employee_id" DESC NULLS FIRST
          LIMIT $1) AS x), 'null') || ',"customersAggregate":' || coalesce((SELECT ('{' || ('"count":' || coalesce(to_json(count(*))::text, 'null')) || '}')
        FROM "customer" AS t4
        WHERE t4."support_rep_id" = t0."employee_id"), 'null')) || '}') AS j
FROM "employee" AS t0
ORDER BY t0."employee_id" ASC NULLS LAST
LIMIT $2
-- bindings: [100,100]
