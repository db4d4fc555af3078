CREATE VIEW "sales"."invoice_line" AS SELECT t0."invoice_line_id" AS "id", t0."unit_price" AS "unit_price", t0."quantity" AS "quantity", t0."invoice_id" AS "invoice_id", t0."track_id" AS "track_id"
FROM "meshql_source_sales"."invoice_line" AS t0
WHERE ((SELECT meshql.gate('sales.InvoiceLine', ARRAY[]::text[])) OR t0."invoice_line_id" IS NULL)
