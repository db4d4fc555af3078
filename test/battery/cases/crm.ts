// CRM: self relations, nullable order on nested lists, non-ASCII text, DateTimes, group-by.
import { type BatteryCase, first, iso, rows } from "../reference.js";
import { sqlOrder } from "./catalogOrder.js";

const DIRECTIONS = ["ASC", "DESC", "ASC_NULLS_FIRST", "ASC_NULLS_LAST", "DESC_NULLS_FIRST", "DESC_NULLS_LAST"] as const;

export const crmCases: BatteryCase[] = [
  {
    name: "Self relations: Employee.reportsTo (two levels, null at the top) and Employee.reports (two levels)",
    domain: "crm",
    query: `{
      employees {
        id lastName
        reportsTo { lastName reportsTo { lastName } }
        reports(orderBy: [{lastName: ASC}]) { lastName reports { id } }
        reportsAggregate { count }
      }
    }`,
    statements: 1,
    async expected(db) {
      const all = await rows(db, `SELECT employee_id AS id, last_name AS lastName, reports_to FROM employee ORDER BY employee_id`);
      const byId = new Map(all.map((e) => [e.id, e]));
      const boss = (id: number | null) => (id == null ? null : byId.get(id)!);
      const out = [];
      for (const e of all) {
        const m = boss(e.reports_to);
        const reports = await rows(db, `SELECT employee_id AS id, last_name AS lastName FROM employee WHERE reports_to = ? ORDER BY last_name, employee_id`, e.id);
        for (const r of reports) {
          r.reports = await rows(db, `SELECT employee_id AS id FROM employee WHERE reports_to = ? ORDER BY employee_id`, r.id);
          delete r.id;
        }
        out.push({
          id: e.id,
          lastName: e.lastName,
          reportsTo: m && { lastName: m.lastName, reportsTo: boss(m.reports_to) && { lastName: boss(m.reports_to)!.lastName } },
          reports,
          reportsAggregate: { count: reports.length },
        });
      }
      return { employees: out };
    },
  },
  {
    name: "orderBy through a nullable self relation (reportsTo) in four directions",
    domain: "crm",
    query: `{
      asc: employees(orderBy: [{reportsTo: {lastName: ASC}}]) { id }
      desc: employees(orderBy: [{reportsTo: {lastName: DESC}}]) { id }
      ascFirst: employees(orderBy: [{reportsTo: {lastName: ASC_NULLS_FIRST}}, {lastName: DESC}]) { id }
      descLast: employees(orderBy: [{reportsTo: {firstName: DESC_NULLS_LAST}}]) { id }
    }`,
    statements: 4,
    async expected(db) {
      const q = (order: string) =>
        rows(db, `SELECT e.employee_id AS id FROM employee e LEFT JOIN employee m ON m.employee_id = e.reports_to ORDER BY ${order}, e.employee_id`);
      return {
        asc: await q(sqlOrder("m.last_name", "ASC")),
        desc: await q(sqlOrder("m.last_name", "DESC")),
        ascFirst: await q(`${sqlOrder("m.last_name", "ASC_NULLS_FIRST")}, e.last_name DESC`),
        descLast: await q(sqlOrder("m.first_name", "DESC_NULLS_LAST")),
      };
    },
  },
  {
    name: "Nested list ordered by a nullable column in each of the six directions (Employee.customers by state)",
    domain: "crm",
    query: `{ employee(id: 3) { ${DIRECTIONS.map((d) => `${d}: customers(orderBy: [{state: ${d}}]) { id state }`).join(" ")} } }`,
    statements: 1,
    async expected(db) {
      const employee: Record<string, unknown> = {};
      for (const d of DIRECTIONS) {
        employee[d] = await rows(db, `SELECT customer_id AS id, state FROM customer WHERE support_rep_id = 3 ORDER BY ${sqlOrder("state", d)}, customer_id`);
      }
      return { employee };
    },
  },
  {
    name: "Customer.supportRep: select, filter and order through it, two levels up to reportsTo",
    domain: "crm",
    query: `{
      customers(where: {supportRep: {reportsTo: {firstName: {_eq: "Nancy"}}, lastName: {_neq: "Peacock"}}},
                orderBy: [{supportRep: {lastName: DESC}}, {country: ASC}, {lastName: ASC}], limit: 15, offset: 3) {
        id lastName country supportRep { firstName lastName reportsTo { firstName } }
      }
    }`,
    statements: 1,
    async expected(db) {
      const found = await rows(
        db,
        `SELECT c.customer_id, c.last_name, c.country, e.first_name, e.last_name AS rep, m.first_name AS boss FROM customer c
           JOIN employee e ON e.employee_id = c.support_rep_id JOIN employee m ON m.employee_id = e.reports_to
          WHERE m.first_name = 'Nancy' AND e.last_name <> 'Peacock'
          ORDER BY e.last_name DESC, c.country IS NULL, c.country, c.last_name, c.customer_id LIMIT 15 OFFSET 3`,
      );
      return {
        customers: found.map((c) => ({
          id: c.customer_id,
          lastName: c.last_name,
          country: c.country,
          supportRep: { firstName: c.first_name, lastName: c.rep, reportsTo: { firstName: c.boss } },
        })),
      };
    },
  },
  {
    name: "Non-ASCII text: _like 'Bj_rn', '%ö%', case-sensitive misses, _ilike with ASCII case differences",
    domain: "crm",
    query: `{
      bjorn: customers(where: {firstName: {_like: "Bj_rn"}}) { id firstName lastName }
      umlaut: customers(where: {lastName: {_like: "%ö%"}}) { id lastName }
      lowerMiss: customers(where: {firstName: {_like: "bj_rn"}}) { id }
      ilike: customers(where: {firstName: {_ilike: "BJøRN"}}) { id }
      francois: customer(id: 3) { firstName city }
      byName: customers(where: {firstName: {_eq: "Bjørn"}, lastName: {_gte: "H", _lt: "I"}}) { id }
    }`,
    statements: 6,
    async expected(db) {
      const q = (cols: string, where: string) => rows(db, `SELECT ${cols} FROM customer WHERE ${where} ORDER BY customer_id LIMIT 100`);
      return {
        bjorn: await q(`customer_id AS id, first_name AS firstName, last_name AS lastName`, `length(first_name) = 5 AND substr(first_name, 1, 2) = 'Bj' AND substr(first_name, 4) = 'rn'`),
        umlaut: await q(`customer_id AS id, last_name AS lastName`, `instr(last_name, 'ö') > 0`),
        lowerMiss: await q(`customer_id AS id`, `length(first_name) = 5 AND substr(first_name, 1, 2) = 'bj' AND substr(first_name, 4) = 'rn'`),
        ilike: await q(`customer_id AS id`, `lower(first_name) = 'bjørn'`),
        francois: await first(db, `SELECT first_name AS firstName, city FROM customer WHERE customer_id = 3`),
        byName: await q(`customer_id AS id`, `first_name = 'Bjørn' AND last_name >= 'H' AND last_name < 'I'`),
      };
    },
  },
  {
    name: "Employee DateTime filters and min/max of DateTimes and Strings at the root",
    domain: "crm",
    query: `{
      employees(where: {hireDate: {_gte: "2003-01-01T00:00:00Z"}, birthDate: {_lt: "1970-01-01"}}) { id birthDate hireDate }
      employeesAggregate { count min { birthDate hireDate lastName } max { birthDate hireDate title } }
      titled: employeesAggregate(where: {title: {_like: "%Manager"}}) { count max { hireDate } }
    }`,
    statements: 3,
    async expected(db) {
      const agg = await first(
        db,
        `SELECT count(*) AS n, ${iso("min(birth_date)")} AS min_b, ${iso("min(hire_date)")} AS min_h, min(last_name) AS min_l,
                ${iso("max(birth_date)")} AS max_b, ${iso("max(hire_date)")} AS max_h, max(title) AS max_t FROM employee`,
      );
      const titled = await first(db, `SELECT count(*) AS n, ${iso("max(hire_date)")} AS h FROM employee WHERE substr(title, -7) = 'Manager'`);
      return {
        employees: await rows(
          db,
          `SELECT employee_id AS id, ${iso("birth_date")} AS birthDate, ${iso("hire_date")} AS hireDate FROM employee
            WHERE hire_date >= '2003-01-01 00:00:00' AND birth_date < '1970-01-01 00:00:00' ORDER BY employee_id`,
        ),
        employeesAggregate: {
          count: agg!.n,
          min: { birthDate: agg!.min_b, hireDate: agg!.min_h, lastName: agg!.min_l },
          max: { birthDate: agg!.max_b, hireDate: agg!.max_h, title: agg!.max_t },
        },
        titled: { count: titled!.n, max: { hireDate: titled!.h } },
      };
    },
  },
  {
    name: "employeesGroupBy by title: min/max DateTimes and Strings, having _or with a DateTime, orderBy min",
    domain: "crm",
    query: `{
      employeesGroupBy(by: [title], having: {_or: [{count: {_gt: 1}}, {max: {hireDate: {_gte: "2003-10-01T00:00:00Z"}}}]},
                       orderBy: [{min: {birthDate: ASC}}]) {
        key { title } count min { birthDate firstName } max { hireDate lastName }
      }
    }`,
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT title, count(*) AS n, ${iso("min(birth_date)")} AS mb, min(first_name) AS mf, ${iso("max(hire_date)")} AS mh, max(last_name) AS ml
           FROM employee GROUP BY title HAVING count(*) > 1 OR max(hire_date) >= '2003-10-01 00:00:00'
          ORDER BY min(birth_date) IS NULL, min(birth_date), title IS NULL, title LIMIT 100`,
      );
      return {
        employeesGroupBy: groups.map((g) => ({
          key: { title: g.title },
          count: g.n,
          min: { birthDate: g.mb, firstName: g.mf },
          max: { hireDate: g.mh, lastName: g.ml },
        })),
      };
    },
  },
  {
    name: "customersGroupBy by country and state (null states), orderBy count then key, limit and offset",
    domain: "crm",
    query: `query($by: [CustomerField!]!) {
      customersGroupBy(by: $by, orderBy: [{count: DESC}, {key: {country: ASC}}, {key: {state: DESC}}], limit: 10, offset: 2) {
        key { country state } count min { city } max { company }
      }
    }`,
    variables: { by: ["country", "state"] },
    statements: 1,
    async expected(db) {
      const groups = await rows(
        db,
        `SELECT country, state, count(*) AS n, min(city) AS mc, max(company) AS mco FROM customer GROUP BY country, state
          ORDER BY count(*) DESC, country IS NULL, country, state IS NOT NULL, state DESC LIMIT 10 OFFSET 2`,
      );
      return {
        customersGroupBy: groups.map((g) => ({ key: { country: g.country, state: g.state }, count: g.n, min: { city: g.mc }, max: { company: g.mco } })),
      };
    },
  },
  {
    name: "Employee.customers: list filter on the parent (some customer matches), filtered nested list and aggregate",
    domain: "crm",
    query: `query($country: String!) {
      employees(where: {customers: {country: {_eq: $country}}}) {
        lastName
        customers(where: {country: {_eq: $country}}, orderBy: [{firstName: DESC}]) { firstName city }
        customersAggregate(where: {country: {_eq: $country}}) { count min { city } }
        all: customersAggregate { count }
      }
    }`,
    variables: { country: "Brazil" },
    statements: 1,
    async expected(db) {
      const employees = await rows(
        db,
        `SELECT employee_id, last_name FROM employee e
          WHERE EXISTS (SELECT 1 FROM customer c WHERE c.support_rep_id = e.employee_id AND c.country = 'Brazil') ORDER BY employee_id`,
      );
      const out = [];
      for (const e of employees) {
        const agg = await first(db, `SELECT count(*) AS n, min(city) AS mc FROM customer WHERE support_rep_id = ? AND country = 'Brazil'`, e.employee_id);
        const [{ n }] = await rows(db, `SELECT count(*) AS n FROM customer WHERE support_rep_id = ?`, e.employee_id);
        out.push({
          lastName: e.last_name,
          customers: await rows(
            db,
            `SELECT first_name AS firstName, city FROM customer WHERE support_rep_id = ? AND country = 'Brazil' ORDER BY first_name DESC, customer_id`,
            e.employee_id,
          ),
          customersAggregate: { count: agg!.n, min: { city: agg!.mc } },
          all: { count: n },
        });
      }
      return { employees: out };
    },
  },
  {
    name: "_neq and _not on nullable strings follow SQL (rows with null are in neither)",
    domain: "crm",
    query: `{
      neq: customersAggregate(where: {state: {_neq: "CA"}}) { count }
      notEq: customersAggregate(where: {_not: {state: {_eq: "CA"}}}) { count }
      nullOrOther: customersAggregate(where: {_or: [{state: {_isNull: true}}, {state: {_neq: "CA"}}]}) { count }
      companies: customers(where: {company: {_isNull: false}, state: {_isNull: true}}) { id company }
    }`,
    statements: 4,
    async expected(db) {
      const count = async (where: string) => ({ count: (await rows(db, `SELECT count(*) AS n FROM customer WHERE ${where}`))[0].n });
      return {
        neq: await count(`state <> 'CA'`),
        notEq: await count(`NOT (state = 'CA')`),
        nullOrOther: await count(`state IS NULL OR state <> 'CA'`),
        companies: await rows(db, `SELECT customer_id AS id, company FROM customer WHERE company IS NOT NULL AND state IS NULL ORDER BY customer_id`),
      };
    },
  },
  {
    name: "Customers ordered by several items with code-point string order, paged, with a fragment and skip",
    domain: "crm",
    query: `query($skipEmail: Boolean!) {
      customers(orderBy: [{country: DESC}, {city: ASC}, {lastName: ASC}], limit: 20, offset: 5) { ...Who email @skip(if: $skipEmail) }
      customer(id: 4) { ...Who }
      nobody: customer(id: 0) { ...Who }
    }
    fragment Who on Customer { id firstName lastName city country }`,
    variables: { skipEmail: true },
    statements: 3,
    async expected(db) {
      const cols = `customer_id AS id, first_name AS firstName, last_name AS lastName, city, country`;
      return {
        customers: await rows(
          db,
          `SELECT ${cols} FROM customer ORDER BY country IS NOT NULL, country DESC, city IS NULL, city, last_name, customer_id LIMIT 20 OFFSET 5`,
        ),
        customer: await first(db, `SELECT ${cols} FROM customer WHERE customer_id = 4`),
        nobody: null,
      };
    },
  },
];
