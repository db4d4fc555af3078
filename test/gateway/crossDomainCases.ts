// Queries that cross domains, only answerable through the gateway, with their expected answers
// from hand-written SQL over the three SQLite stores ATTACHed to one connection (as catalog, crm
// and the main sales schema). Nothing here calls meshql code.
import type { Knex } from "knex";
import { type Row, r12, rows } from "../battery/reference.js";

export interface CrossDomainCase {
  name: string;
  query: string;
  /** Subgraph calls per domain: one per plan step the domain takes part in. */
  calls: Record<"catalog" | "sales" | "crm", number>;
  expected: (db: Knex) => Promise<unknown>;
}

const byKey = <T extends Row>(list: T[], key: string) => new Map(list.map((r) => [r[key], r]));

export const crossDomainCases: CrossDomainCase[] = [
  {
    name: "DESIGN.md §4: Norwegian invoices with their customer and lines' tracks and albums",
    query: `{ invoices(where: {billingCountry: {_eq: "Norway"}}, orderBy: [{id: ASC}]) {
      id total customer { firstName } lines { quantity track { name album { title } } } } }`,
    calls: { sales: 1, crm: 1, catalog: 1 },
    async expected(db) {
      const invoices = await rows(db, `SELECT i.invoice_id, i.total, c.first_name FROM invoice i JOIN crm.customer c USING (customer_id)
        WHERE i.billing_country = 'Norway' ORDER BY i.invoice_id`);
      const lines = await rows(db, `SELECT l.invoice_id, l.quantity, t.name, a.title FROM invoice_line l
        JOIN catalog.track t USING (track_id) LEFT JOIN catalog.album a USING (album_id)
        WHERE l.invoice_id IN (SELECT invoice_id FROM invoice WHERE billing_country = 'Norway') ORDER BY l.invoice_line_id`);
      return {
        invoices: invoices.map((i) => ({
          id: i.invoice_id,
          total: i.total,
          customer: { firstName: i.first_name },
          lines: lines.filter((l) => l.invoice_id === i.invoice_id).map((l) => ({ quantity: l.quantity, track: { name: l.name, album: l.title === null ? null : { title: l.title } } })),
        })),
      };
    },
  },
  {
    name: "crm customers extended by sales with invoices, reaching back into catalog",
    query: `{ customers(where: {country: {_eq: "Brazil"}}, orderBy: [{id: ASC}]) { firstName supportRep { firstName }
      invoices(orderBy: [{total: DESC}, {id: ASC}], limit: 2) { total lines(limit: 2) { unitPrice track { name genre { name } } } } } }`,
    calls: { crm: 1, sales: 1, catalog: 1 },
    async expected(db) {
      const customers = await rows(db, `SELECT c.customer_id, c.first_name, e.first_name AS rep FROM crm.customer c
        LEFT JOIN crm.employee e ON e.employee_id = c.support_rep_id WHERE c.country = 'Brazil' ORDER BY c.customer_id`);
      const result = [];
      for (const c of customers) {
        const invoices = await rows(db, `SELECT invoice_id, total FROM invoice WHERE customer_id = ? ORDER BY total DESC, invoice_id LIMIT 2`, c.customer_id);
        const shaped = [];
        for (const i of invoices) {
          const lines = await rows(db, `SELECT l.unit_price, t.name, g.name AS genre FROM invoice_line l JOIN catalog.track t USING (track_id)
            LEFT JOIN catalog.genre g USING (genre_id) WHERE l.invoice_id = ? ORDER BY l.invoice_line_id LIMIT 2`, i.invoice_id);
          shaped.push({ total: i.total, lines: lines.map((l) => ({ unitPrice: l.unit_price, track: { name: l.name, genre: l.genre === null ? null : { name: l.genre } } })) });
        }
        result.push({ firstName: c.first_name, supportRep: c.rep === null ? null : { firstName: c.rep }, invoices: shaped });
      }
      return { customers: result };
    },
  },
  {
    name: "employees, their customers, and each customer's invoice aggregate from sales",
    query: `{ employees(orderBy: [{id: ASC}]) { lastName customers(orderBy: [{id: ASC}], limit: 3) { email invoicesAggregate { count sum { total } } } } }`,
    calls: { crm: 1, sales: 1, catalog: 0 },
    async expected(db) {
      const employees = await rows(db, `SELECT employee_id, last_name FROM crm.employee ORDER BY employee_id`);
      const totals = byKey(await rows(db, `SELECT customer_id, count(*) AS n, sum(total) AS s FROM invoice GROUP BY customer_id`), "customer_id");
      const result = [];
      for (const e of employees) {
        const customers = await rows(db, `SELECT customer_id, email FROM crm.customer WHERE support_rep_id = ? ORDER BY customer_id LIMIT 3`, e.employee_id);
        result.push({
          lastName: e.last_name,
          customers: customers.map((c) => {
            const t = totals.get(c.customer_id);
            return { email: c.email, invoicesAggregate: { count: t?.n ?? 0, sum: { total: t ? r12(t.s) : null } } };
          }),
        });
      }
      return { employees: result };
    },
  },
  {
    name: "Customer.invoices with where through the gateway, and an entity aggregate per customer",
    query: `{ customers(orderBy: [{id: ASC}], limit: 5) { id invoices(where: {total: {_gt: 10}}, orderBy: [{id: ASC}]) { id total } } }`,
    calls: { crm: 1, sales: 1, catalog: 0 },
    async expected(db) {
      const customers = await rows(db, `SELECT customer_id FROM crm.customer ORDER BY customer_id LIMIT 5`);
      const invoices = await rows(db, `SELECT customer_id, invoice_id, total FROM invoice WHERE total > 10 ORDER BY invoice_id`);
      return {
        customers: customers.map((c) => ({
          id: c.customer_id,
          invoices: invoices.filter((i) => i.customer_id === c.customer_id).map((i) => ({ id: i.invoice_id, total: i.total })),
        })),
      };
    },
  },
  {
    name: "invoice lines to tracks to albums to artists, four levels across two domains",
    query: `{ invoiceLines(orderBy: [{id: DESC}], limit: 5) { id invoice { billingCity } track { name album { title artist { name } } mediaType { name } } } }`,
    calls: { sales: 1, catalog: 1, crm: 0 },
    async expected(db) {
      const lines = await rows(db, `SELECT l.invoice_line_id, i.billing_city, t.name, a.title, ar.name AS artist, m.name AS media
        FROM invoice_line l JOIN invoice i USING (invoice_id) JOIN catalog.track t USING (track_id)
        LEFT JOIN catalog.album a ON a.album_id = t.album_id LEFT JOIN catalog.artist ar ON ar.artist_id = a.artist_id
        JOIN catalog.media_type m ON m.media_type_id = t.media_type_id ORDER BY l.invoice_line_id DESC LIMIT 5`);
      return {
        invoiceLines: lines.map((l) => ({
          id: l.invoice_line_id,
          invoice: { billingCity: l.billing_city },
          track: { name: l.name, album: l.title === null ? null : { title: l.title, artist: { name: l.artist } }, mediaType: { name: l.media } },
        })),
      };
    },
  },
];
