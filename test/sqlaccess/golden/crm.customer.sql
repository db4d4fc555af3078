CREATE VIEW "crm"."customer" WITH (security_barrier) AS SELECT t0."customer_id" AS "id", t0."first_name" AS "first_name", t0."last_name" AS "last_name", t0."company" AS "company", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."address", t0."address") ELSE t0."address" END AS "address", t0."city" AS "city", t0."state" AS "state", t0."country" AS "country", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."postal_code", t0."postal_code") ELSE t0."postal_code" END AS "postal_code", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."phone", t0."phone") ELSE t0."phone" END AS "phone", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."fax", t0."fax") ELSE t0."fax" END AS "fax", CASE WHEN
  (SELECT meshql.applies('global/emails-pseudonymised')) THEN encode(sha256(convert_to(CAST(t0."email" AS text), 'UTF8')), 'hex') WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."email", t0."email") ELSE t0."email" END AS "email", t0."support_rep_id" AS "support_rep_id"
FROM "meshql_source_crm"."customer" AS t0
WHERE ((SELECT meshql.gate('crm.Customer', ARRAY['global/interns-catalog-only']::text[])) OR t0."customer_id" IS NULL) AND ((SELECT NOT meshql.applies('crm/reps-see-their-customers')) OR ((SELECT meshql.has_identity_values(ARRAY['employeeId']::text[])) AND EXISTS
      (SELECT 1
      FROM "meshql_source_crm"."employee" AS t1
      WHERE t1."employee_id" = t0."support_rep_id" AND t1."employee_id" =
        (SELECT CAST(coalesce(meshql.identity_value('employeeId'), '0') AS integer)))))
