/* meshql policies: reps-see-their-customers */ SELECT ('{' || ('"__typename":' || coalesce(to_json(CAST('Customer' AS text))::text, 'null') || ',"id":' || coalesce(to_json(t0."customer_id")::text, 'null') || ',"firstName":' || coalesce(to_json(t0."first_name")::text, 'null') || ',"country":' || coalesce(to_json(t0."country")::text, 'null') || ',"supportRep":' || coalesce((SELECT ('{' || ('"firstName":' || coalesce(to_json(t1."first_name")::text, 'null')) || '}')
        FROM "employee" AS t1
        WHERE t1."employee_id" = t0."support_rep_id"), 'null')) || '}') AS j, t0."customer_id" AS k0
FROM "customer" AS t0
WHERE t0."customer_id" IN ($1, $2, $3, $4) AND (t0."support_rep_id" IS NOT NULL AND t0."support_rep_id" = $5)
-- bindings: [3,1,999999,59,3]
