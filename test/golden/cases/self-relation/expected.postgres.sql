SELECT json_build_object('id', t0."employee_id", 'firstName', t0."first_name", 'reportsTo',
    (SELECT json_build_object('id', t1."employee_id", 'firstName', t1."first_name", 'reportsTo',
        (SELECT json_build_object('firstName', t2."first_name")
        FROM "employee" AS t2
        WHERE t2."employee_id" = t1."reports_to"))
    FROM "employee" AS t1
    WHERE t1."employee_id" = t0."reports_to"), 'reports',
    (SELECT coalesce(json_agg(x.j ORDER BY x.n), '[]'::json)
    FROM
      (SELECT json_build_object('id', t3."employee_id", 'firstName', t3."first_name") AS j, ROW_NUMBER() OVER (ORDER BY t3."employee_id" DESC NULLS FIRST) AS n
      FROM "employee" AS t3
      WHERE t3."reports_to" = t0."employee_id"
      ORDER BY t3."employee_id" DESC NULLS FIRST
      LIMIT $1) AS x), 'customersAggregate',
    (SELECT json_build_object('count', count(*))
    FROM "customer" AS t4
    WHERE t4."support_rep_id" = t0."employee_id")) AS j
FROM "employee" AS t0
ORDER BY t0."employee_id" ASC NULLS LAST
LIMIT $2
-- bindings: [100,100]
