CREATE VIEW "sales"."invoice" AS SELECT t0."invoice_id" AS "id", t0."invoice_date" AS "invoice_date", CASE WHEN
  (SELECT meshql.applies('sales/billing-pii-governance-only')) THEN NULLIF(CASE WHEN
    (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."billing_address", t0."billing_address") ELSE t0."billing_address" END, CASE WHEN
    (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."billing_address", t0."billing_address") ELSE t0."billing_address" END) ELSE CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."billing_address", t0."billing_address") ELSE t0."billing_address" END END AS "billing_address", t0."billing_city" AS "billing_city", t0."billing_state" AS "billing_state", t0."billing_country" AS "billing_country", CASE WHEN
  (SELECT meshql.applies('sales/billing-pii-governance-only')) THEN NULLIF(CASE WHEN
    (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."billing_postal_code", t0."billing_postal_code") ELSE t0."billing_postal_code" END, CASE WHEN
    (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."billing_postal_code", t0."billing_postal_code") ELSE t0."billing_postal_code" END) ELSE CASE WHEN
  (SELECT meshql.applies('global/pii-hidden')) THEN NULLIF(t0."billing_postal_code", t0."billing_postal_code") ELSE t0."billing_postal_code" END END AS "billing_postal_code", t0."total" AS "total", t0."customer_id" AS "customer_id"
FROM "meshql_source_sales"."invoice" AS t0
WHERE ((SELECT meshql.gate('sales.Invoice', ARRAY[]::text[])) OR t0."invoice_id" IS NULL)
