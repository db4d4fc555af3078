// Sales: the DESIGN.md §4 examples, DateTime and Float filters, lines, Customer.invoices, group-by.
import { type BatteryCase, first, iso, marks, r12, rows } from "../reference.js";

/** Invoice totals are decimal(10,2): sums in whole cents are exact on SQLite too. */
const CENTS_SUM = `CAST(round(sum(round(total * 100))) AS INTEGER)`;

export const salesCases: BatteryCase[] = [
  {
    name: "DESIGN.md §4 example 1: invoicesGroupBy by billingCountry, ordered by sum of total, limit 5",
    domain: "sales",
    query: `{ invoicesGroupBy(by: [billingCountry], orderBy: [{sum: {total: DESC}}], limit: 5) {
        key { billingCountry } count sum { total } } }`,
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT billing_country, count(*) AS n, ${CENTS_SUM} AS cents FROM invoice GROUP BY billing_country
          ORDER BY cents DESC, billing_country IS NULL, billing_country LIMIT 5`,
      );
      return { invoicesGroupBy: groups.map((g) => ({ key: { billingCountry: g.billing_country }, count: g.n, sum: { total: g.cents / 100 } })) };
    },
  },
  {
    name: "DESIGN.md §4 example 2, adapted to the sales subgraph (customer { id }, track { id })",
    domain: "sales",
    query: `{ invoices(where: {billingCountry: {_eq: "Norway"}}, orderBy: [{id: ASC}]) {
        id total customer { id } lines { quantity track { id } } } }`,
    statements: 1,
    async expected(db) {
      const invoices = await rows(db, `SELECT invoice_id, total, customer_id FROM invoice WHERE billing_country = 'Norway' ORDER BY invoice_id LIMIT 100`);
      const out = [];
      for (const i of invoices) {
        const lines = await rows(db, `SELECT quantity, track_id FROM invoice_line WHERE invoice_id = ? ORDER BY invoice_line_id`, i.invoice_id);
        out.push({
          id: i.invoice_id,
          total: i.total,
          customer: { id: i.customer_id },
          lines: lines.map((l) => ({ quantity: l.quantity, track: { id: l.track_id } })),
        });
      }
      return { invoices: out };
    },
  },
  {
    name: "DateTime filters: _gte/_lt range, _eq, _neq, _in with a zone offset and a bare date, _gt with milliseconds",
    domain: "sales",
    query: `query Dates($from: DateTime!, $to: DateTime!) {
      january: invoices(where: {invoiceDate: {_gte: $from, _lt: $to}}) { id invoiceDate total }
      newYear: invoices(where: {invoiceDate: {_eq: "2021-01-01T00:00:00.000Z"}}) { id invoiceDate }
      notFirst: invoicesAggregate(where: {invoiceDate: {_neq: "2021-01-01T00:00:00Z"}}) { count }
      listed: invoices(where: {invoiceDate: {_in: ["2021-01-03T01:00:00+01:00", "2021-01-06"]}}) { id invoiceDate }
      afterMidnight: invoices(where: {invoiceDate: {_gt: "2021-01-02T00:00:00.001Z", _lte: "2021-01-06T02:00:00+02:00"}}) { id }
      since2022: invoicesAggregate(where: {invoiceDate: {_gte: "2022-01-01T00:00:00Z"}}) { count }
    }`,
    variables: { from: "2022-01-01T00:00:00Z", to: "2022-02-01T00:00:00Z" },
    statements: 6,
    async expected(db) {
      const list = (where: string, ...b: unknown[]) =>
        rows(db, `SELECT invoice_id AS id, ${iso("invoice_date")} AS invoiceDate FROM invoice WHERE ${where} ORDER BY invoice_id LIMIT 100`, ...b);
      const count = async (where: string) => ({ count: (await rows(db, `SELECT count(*) AS n FROM invoice WHERE ${where}`))[0].n });
      return {
        january: await rows(
          db,
          `SELECT invoice_id AS id, ${iso("invoice_date")} AS invoiceDate, total FROM invoice
            WHERE invoice_date >= '2022-01-01 00:00:00' AND invoice_date < '2022-02-01 00:00:00' ORDER BY invoice_id LIMIT 100`,
        ),
        newYear: await list(`invoice_date = '2021-01-01 00:00:00'`),
        notFirst: await count(`invoice_date <> '2021-01-01 00:00:00'`),
        listed: await list(`invoice_date IN ('2021-01-03 00:00:00', '2021-01-06 00:00:00')`),
        // 2021-01-06T02:00:00+02:00 is midnight UTC: that day's invoice is included.
        afterMidnight: (await list(`invoice_date > '2021-01-02 00:00:00' AND invoice_date <= '2021-01-06 00:00:00'`)).map(({ id }) => ({ id })),
        since2022: await count(`invoice_date >= '2022-01-01 00:00:00'`),
      };
    },
  },
  {
    name: "Root aggregate with a DateTime where: sum/avg of total, min/max of DateTimes, Floats and Strings",
    domain: "sales",
    query: `{
      invoicesAggregate(where: {invoiceDate: {_gte: "2023-01-01T00:00:00Z", _lt: "2024-01-01T00:00:00Z"}}) {
        count sum { total } avg { total }
        min { invoiceDate total billingCountry billingState }
        max { invoiceDate total billingCountry billingState }
      }
    }`,
    statements: 1,
    async expected(db) {
      const a = await first(
        db,
        `SELECT count(*) AS n, ${CENTS_SUM} AS cents, avg(total) AS a,
                ${iso("min(invoice_date)")} AS min_d, min(total) AS min_t, min(billing_country) AS min_c, min(billing_state) AS min_s,
                ${iso("max(invoice_date)")} AS max_d, max(total) AS max_t, max(billing_country) AS max_c, max(billing_state) AS max_s
           FROM invoice WHERE invoice_date >= '2023-01-01 00:00:00' AND invoice_date < '2024-01-01 00:00:00'`,
      );
      return {
        invoicesAggregate: {
          count: a!.n,
          sum: { total: r12(a!.cents / 100) },
          avg: { total: r12(a!.a) },
          min: { invoiceDate: a!.min_d, total: a!.min_t, billingCountry: a!.min_c, billingState: a!.min_s },
          max: { invoiceDate: a!.max_d, total: a!.max_t, billingCountry: a!.max_c, billingState: a!.max_s },
        },
      };
    },
  },
  {
    name: "Float filters on total: _gt/_lte range, _in, _neq",
    domain: "sales",
    query: `{
      range: invoices(where: {total: {_gt: 20.5, _lte: 25.86}}) { id total }
      listed: invoicesAggregate(where: {total: {_in: [0.99, 13.86, 100.5]}}) { count }
      notSmall: invoicesAggregate(where: {total: {_neq: 0.99}}) { count }
    }`,
    statements: 3,
    async expected(db) {
      const count = async (where: string) => ({ count: (await rows(db, `SELECT count(*) AS n FROM invoice WHERE ${where}`))[0].n });
      return {
        range: await rows(db, `SELECT invoice_id AS id, total FROM invoice WHERE round(total * 100) > 2050 AND round(total * 100) <= 2586 ORDER BY invoice_id`),
        listed: await count(`round(total * 100) IN (99, 1386, 10050)`),
        notSmall: await count(`round(total * 100) <> 99`),
      };
    },
  },
  {
    name: "Relationship aggregate linesAggregate, with where, next to a filtered nested list",
    domain: "sales",
    query: `{
      invoices(where: {billingCountry: {_eq: "Canada"}}, orderBy: [{total: DESC}], limit: 6) {
        id total
        linesAggregate { count sum { unitPrice quantity } avg { unitPrice } min { unitPrice } max { unitPrice id } }
        expensive: linesAggregate(where: {unitPrice: {_gt: 1}}) { count }
        lines(where: {unitPrice: {_gt: 1}}) { id unitPrice }
      }
    }`,
    statements: 1,
    async expected(db) {
      const invoices = await rows(db, `SELECT invoice_id, total FROM invoice WHERE billing_country = 'Canada' ORDER BY total DESC, invoice_id LIMIT 6`);
      const out = [];
      for (const i of invoices) {
        const a = await first(
          db,
          `SELECT count(*) AS n, sum(unit_price) AS s, sum(quantity) AS q, avg(unit_price) AS a, min(unit_price) AS mn,
                  max(unit_price) AS mx, max(invoice_line_id) AS mid
             FROM invoice_line WHERE invoice_id = ?`,
          i.invoice_id,
        );
        const [{ n }] = await rows(db, `SELECT count(*) AS n FROM invoice_line WHERE invoice_id = ? AND unit_price > 1`, i.invoice_id);
        out.push({
          id: i.invoice_id,
          total: i.total,
          linesAggregate: {
            count: a!.n,
            sum: { unitPrice: r12(a!.s), quantity: r12(a!.q) },
            avg: { unitPrice: r12(a!.a) },
            min: { unitPrice: a!.mn },
            max: { unitPrice: a!.mx, id: a!.mid },
          },
          expensive: { count: n },
          lines: await rows(
            db,
            `SELECT invoice_line_id AS id, unit_price AS unitPrice FROM invoice_line WHERE invoice_id = ? AND unit_price > 1 ORDER BY invoice_line_id`,
            i.invoice_id,
          ),
        });
      }
      return { invoices: out };
    },
  },
  {
    name: "Filter through a list relation (some line matches) and nested lines filtered",
    domain: "sales",
    query: `{
      invoices(where: {lines: {unitPrice: {_eq: 1.99}}, billingCountry: {_neq: "USA"}}, orderBy: [{total: DESC}, {id: DESC}], limit: 10) {
        id total billingCountry lines(where: {unitPrice: {_gte: 1.99}}) { id unitPrice }
      }
    }`,
    statements: 1,
    async expected(db) {
      const invoices = await rows(
        db,
        `SELECT invoice_id AS id, total, billing_country AS billingCountry FROM invoice i
          WHERE EXISTS (SELECT 1 FROM invoice_line l WHERE l.invoice_id = i.invoice_id AND round(l.unit_price * 100) = 199)
            AND billing_country <> 'USA'
          ORDER BY total DESC, invoice_id DESC LIMIT 10`,
      );
      for (const i of invoices) {
        i.lines = await rows(
          db,
          `SELECT invoice_line_id AS id, unit_price AS unitPrice FROM invoice_line WHERE invoice_id = ? AND round(unit_price * 100) >= 199 ORDER BY invoice_line_id`,
          i.id,
        );
      }
      return { invoices };
    },
  },
  {
    name: "InvoiceLine.invoice: filter, order and select through the object relation",
    domain: "sales",
    query: `{
      invoiceLines(where: {invoice: {billingCountry: {_eq: "Norway"}}}, orderBy: [{invoice: {total: DESC}}, {id: ASC}], limit: 10, offset: 2) {
        id unitPrice invoice { id total billingCity } track { id }
      }
    }`,
    statements: 1,
    async expected(db) {
      const lines = await rows(
        db,
        `SELECT l.invoice_line_id, l.unit_price, l.track_id, i.invoice_id, i.total, i.billing_city FROM invoice_line l
           JOIN invoice i ON i.invoice_id = l.invoice_id WHERE i.billing_country = 'Norway'
          ORDER BY i.total DESC, l.invoice_line_id LIMIT 10 OFFSET 2`,
      );
      return {
        invoiceLines: lines.map((l) => ({
          id: l.invoice_line_id,
          unitPrice: l.unit_price,
          invoice: { id: l.invoice_id, total: l.total, billingCity: l.billing_city },
          track: { id: l.track_id },
        })),
      };
    },
  },
  {
    name: "Customer.invoices reached through Invoice.customer inside sales, with its aggregate",
    domain: "sales",
    query: `{
      invoices(where: {id: {_in: [1, 2, 3, 98]}}) {
        id
        customer {
          id
          invoices(orderBy: [{invoiceDate: DESC}], limit: 2) { id invoiceDate }
          early: invoices(where: {invoiceDate: {_lt: "2022-01-01T00:00:00Z"}}) { id }
          invoicesAggregate { count sum { total } max { invoiceDate } }
        }
      }
    }`,
    statements: 1,
    async expected(db) {
      const invoices = await rows(db, `SELECT invoice_id, customer_id FROM invoice WHERE invoice_id IN (1, 2, 3, 98) ORDER BY invoice_id`);
      const out = [];
      for (const i of invoices) {
        const c = i.customer_id;
        const agg = await first(db, `SELECT count(*) AS n, ${CENTS_SUM} AS cents, ${iso("max(invoice_date)")} AS mx FROM invoice WHERE customer_id = ?`, c);
        out.push({
          id: i.invoice_id,
          customer: {
            id: c,
            invoices: await rows(
              db,
              `SELECT invoice_id AS id, ${iso("invoice_date")} AS invoiceDate FROM invoice WHERE customer_id = ? ORDER BY invoice_date DESC, invoice_id LIMIT 2`,
              c,
            ),
            early: await rows(db, `SELECT invoice_id AS id FROM invoice WHERE customer_id = ? AND invoice_date < '2022-01-01 00:00:00' ORDER BY invoice_id`, c),
            invoicesAggregate: { count: agg!.n, sum: { total: r12(agg!.cents / 100) }, max: { invoiceDate: agg!.mx } },
          },
        });
      }
      return { invoices: out };
    },
  },
  {
    name: "orderBy nullable billingState ASC_NULLS_FIRST and DESC_NULLS_LAST, with a second orderBy item",
    domain: "sales",
    query: `query($countries: [String!]!) {
      first: invoices(where: {billingCountry: {_in: $countries}}, orderBy: [{billingState: ASC_NULLS_FIRST}, {id: DESC}], limit: 12) { id billingState }
      last: invoices(where: {billingCountry: {_in: $countries}}, orderBy: [{billingState: DESC_NULLS_LAST}, {total: ASC}], limit: 12, offset: 30) { id billingState total }
    }`,
    variables: { countries: ["Norway", "Canada", "Germany", "Brazil"] },
    statements: 2,
    async expected(db) {
      const countries = ["Norway", "Canada", "Germany", "Brazil"];
      return {
        first: await rows(
          db,
          `SELECT invoice_id AS id, billing_state AS billingState FROM invoice WHERE billing_country IN (${marks(countries)})
            ORDER BY billing_state IS NOT NULL, billing_state, invoice_id DESC LIMIT 12`,
          ...countries,
        ),
        last: await rows(
          db,
          `SELECT invoice_id AS id, billing_state AS billingState, total FROM invoice WHERE billing_country IN (${marks(countries)})
            ORDER BY billing_state IS NULL, billing_state DESC, total, invoice_id LIMIT 12 OFFSET 30`,
          ...countries,
        ),
      };
    },
  },
  {
    name: "String _in with non-ASCII values and _nin on a nullable column",
    domain: "sales",
    query: `{
      invoices(where: {billingCity: {_in: ["São Paulo", "Montréal", "Oslo"]}}, orderBy: [{billingCity: ASC}, {id: ASC}]) { id billingCity }
      notCaOrSp: invoicesAggregate(where: {billingState: {_nin: ["CA", "SP"]}}) { count }
    }`,
    statements: 2,
    async expected(db) {
      return {
        invoices: await rows(
          db,
          `SELECT invoice_id AS id, billing_city AS billingCity FROM invoice WHERE billing_city IN ('São Paulo', 'Montréal', 'Oslo')
            ORDER BY billing_city, invoice_id LIMIT 100`,
        ),
        // SQL's NOT IN: rows without a state are not "not in" anything.
        notCaOrSp: { count: (await rows(db, `SELECT count(*) AS n FROM invoice WHERE billing_state NOT IN ('CA', 'SP')`))[0].n },
      };
    },
  },
  {
    name: "groupBy two fields with null keys, orderBy both keys, having with _or/_and over sum, avg, min and max",
    domain: "sales",
    query: `{
      invoicesGroupBy(
        by: [billingCountry, billingState],
        where: {billingCountry: {_in: ["USA", "Canada", "Brazil", "Norway", "Germany"]}},
        having: {_or: [{sum: {total: {_gt: 80}}}, {_and: [{avg: {total: {_gte: 5.5}}}, {min: {total: {_lt: 1}}}, {max: {total: {_gte: 13.86}}}]}]},
        orderBy: [{key: {billingCountry: ASC}}, {key: {billingState: DESC}}],
        limit: 12, offset: 1
      ) { key { billingCountry billingState } count sum { total } avg { total } min { total } max { total } }
    }`,
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT billing_country, billing_state, count(*) AS n, ${CENTS_SUM} AS cents, avg(total) AS a, min(total) AS mn, max(total) AS mx
           FROM invoice WHERE billing_country IN ('USA', 'Canada', 'Brazil', 'Norway', 'Germany')
          GROUP BY billing_country, billing_state
         HAVING ${CENTS_SUM} > 8000 OR (sum(round(total * 100)) >= 550 * count(*) AND min(total) < 1 AND round(max(total) * 100) >= 1386)
          ORDER BY billing_country IS NULL, billing_country, billing_state IS NOT NULL, billing_state DESC LIMIT 12 OFFSET 1`,
      );
      return {
        invoicesGroupBy: groups.map((g) => ({
          key: { billingCountry: g.billing_country, billingState: g.billing_state },
          count: g.n,
          sum: { total: r12(g.cents / 100) },
          avg: { total: r12(g.a) },
          min: { total: g.mn },
          max: { total: g.mx },
        })),
      };
    },
  },
  {
    name: "groupBy ordered by max of a DateTime, with min/max DateTimes and a _not having",
    domain: "sales",
    query: `{
      invoicesGroupBy(by: [billingCountry], where: {invoiceDate: {_lt: "2025-06-01T00:00:00Z"}}, having: {_not: {count: {_lt: 10}}},
                      orderBy: [{max: {invoiceDate: DESC}}, {min: {invoiceDate: ASC}}], limit: 6) {
        key { billingCountry } count min { invoiceDate } max { invoiceDate total }
      }
    }`,
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT billing_country, count(*) AS n, ${iso("min(invoice_date)")} AS mn, ${iso("max(invoice_date)")} AS mx, max(total) AS mt
           FROM invoice WHERE invoice_date < '2025-06-01 00:00:00' GROUP BY billing_country HAVING NOT count(*) < 10
          ORDER BY max(invoice_date) DESC, min(invoice_date), billing_country LIMIT 6`,
      );
      return {
        invoicesGroupBy: groups.map((g) => ({
          key: { billingCountry: g.billing_country },
          count: g.n,
          min: { invoiceDate: g.mn },
          max: { invoiceDate: g.mx, total: g.mt },
        })),
      };
    },
  },
  {
    name: "groupBy on a DateTime key and on a Float key, ordered by count and key",
    domain: "sales",
    query: `{
      days: invoicesGroupBy(by: [invoiceDate], where: {invoiceDate: {_lt: "2021-03-01T00:00:00Z"}}, orderBy: [{key: {invoiceDate: DESC}}], limit: 5) {
        key { invoiceDate } count
      }
      totals: invoicesGroupBy(by: [total], orderBy: [{count: DESC}, {key: {total: DESC}}], limit: 8) { key { total } count }
      lines: invoiceLinesGroupBy(by: [unitPrice, quantity]) { key { unitPrice quantity } count sum { unitPrice } }
    }`,
    statements: 3,
    async expected(db) {
      const days = await rows(
        db,
        `SELECT ${iso("invoice_date")} AS d, count(*) AS n FROM invoice WHERE invoice_date < '2021-03-01 00:00:00'
          GROUP BY invoice_date ORDER BY invoice_date DESC LIMIT 5`,
      );
      const totals = await rows(db, `SELECT total, count(*) AS n FROM invoice GROUP BY total ORDER BY count(*) DESC, total DESC LIMIT 8`);
      const lines = await rows(
        db,
        `SELECT unit_price, quantity, count(*) AS n, sum(unit_price) AS s FROM invoice_line GROUP BY unit_price, quantity
          ORDER BY unit_price, quantity LIMIT 100`,
      );
      return {
        days: days.map((g) => ({ key: { invoiceDate: g.d }, count: g.n })),
        totals: totals.map((g) => ({ key: { total: g.total }, count: g.n })),
        lines: lines.map((g) => ({ key: { unitPrice: g.unit_price, quantity: g.quantity }, count: g.n, sum: { unitPrice: r12(g.s) } })),
      };
    },
  },
  {
    name: "groupBy ordered by a sum with many exact ties (37.62 in 23 cities), ties broken by key",
    domain: "sales",
    query: `{ invoicesGroupBy(by: [billingCity], orderBy: [{sum: {total: DESC}}], limit: 40, offset: 10) { key { billingCity } count sum { total } } }`,
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT billing_city, count(*) AS n, ${CENTS_SUM} AS cents FROM invoice GROUP BY billing_city
          ORDER BY cents DESC, billing_city IS NULL, billing_city LIMIT 40 OFFSET 10`,
      );
      return { invoicesGroupBy: groups.map((g) => ({ key: { billingCity: g.billing_city }, count: g.n, sum: { total: g.cents / 100 } })) };
    },
  },
  {
    name: "having compares sums and averages of a decimal column exactly (sum = 37.62, avg = 5.66)",
    domain: "sales",
    query: `{
      sumEq: invoicesGroupBy(by: [billingCity], having: {sum: {total: {_eq: 37.62}}}) { key { billingCity } }
      avgEq: invoicesGroupBy(by: [billingCity], having: {avg: {total: {_eq: 5.66}}}) { key { billingCity } avg { total } }
    }`,
    statements: 2,
    async expected(db) {
      // In exact cents: the sum is 3762, and the average 566 means sum = 566 × count.
      const sumEq = await rows(db, `SELECT billing_city FROM invoice GROUP BY billing_city HAVING ${CENTS_SUM} = 3762 ORDER BY billing_city LIMIT 100`);
      const avgEq = await rows(
        db,
        `SELECT billing_city FROM invoice GROUP BY billing_city HAVING ${CENTS_SUM} = 566 * count(*) ORDER BY billing_city LIMIT 100`,
      );
      return {
        sumEq: sumEq.map((g) => ({ key: { billingCity: g.billing_city } })),
        avgEq: avgEq.map((g) => ({ key: { billingCity: g.billing_city }, avg: { total: 5.66 } })),
      };
    },
  },
  {
    name: "String equality is exact: a trailing space counts ('Edinburgh ' is not 'Edinburgh')",
    domain: "sales",
    query: `{
      without: invoices(where: {billingCity: {_eq: "Edinburgh"}}) { id }
      with: invoicesAggregate(where: {billingCity: {_eq: "Edinburgh "}}) { count }
      listed: invoicesAggregate(where: {billingCity: {_in: ["Edinburgh", "Oslo"]}}) { count }
      groups: invoicesGroupBy(by: [billingCity], where: {billingCity: {_like: "Edinburgh%"}}) { key { billingCity } count }
    }`,
    statements: 4,
    async expected(db) {
      const count = async (where: string) => ({ count: (await rows(db, `SELECT count(*) AS n FROM invoice WHERE ${where}`))[0].n });
      const groups = await rows(
        db,
        `SELECT billing_city, count(*) AS n FROM invoice WHERE substr(billing_city, 1, 9) = 'Edinburgh' GROUP BY billing_city ORDER BY billing_city`,
      );
      return {
        without: await rows(db, `SELECT invoice_id AS id FROM invoice WHERE billing_city = 'Edinburgh' ORDER BY invoice_id`),
        with: await count(`billing_city = 'Edinburgh '`),
        listed: await count(`billing_city IN ('Edinburgh', 'Oslo')`),
        groups: groups.map((g) => ({ key: { billingCity: g.billing_city }, count: g.n })),
      };
    },
  },
];
