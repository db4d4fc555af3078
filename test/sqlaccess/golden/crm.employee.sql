CREATE VIEW "crm"."employee" AS SELECT t0."employee_id" AS "id", t0."first_name" AS "first_name", t0."last_name" AS "last_name", t0."title" AS "title", CASE WHEN
  (SELECT meshql.applies('global/birth-year-only')) THEN date_trunc('year', t0."birth_date") WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."birth_date", t0."birth_date") ELSE t0."birth_date" END AS "birth_date", t0."hire_date" AS "hire_date", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."address", t0."address") ELSE t0."address" END AS "address", t0."city" AS "city", t0."state" AS "state", t0."country" AS "country", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."postal_code", t0."postal_code") ELSE t0."postal_code" END AS "postal_code", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."phone", t0."phone") ELSE t0."phone" END AS "phone", CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."fax", t0."fax") ELSE t0."fax" END AS "fax", CASE WHEN
  (SELECT meshql.applies('global/emails-pseudonymised')) THEN encode(sha256(convert_to(CAST(t0."email" AS text), 'UTF8')), 'hex') WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."email", t0."email") ELSE t0."email" END AS "email", t0."reports_to" AS "reports_to_id"
FROM "meshql_source_crm"."employee" AS t0
WHERE ((SELECT meshql.gate('crm.Employee', ARRAY['global/interns-catalog-only']::text[])) OR t0."employee_id" IS NULL)
