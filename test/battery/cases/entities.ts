// `_entities`, as a Federation router asks each domain for the entities another one refers to:
// by key (given as a number or as text, repeated), several types in one call, nested relations,
// aliases, fragments and `__typename`, and a stub's relations in the domain that extends it.
import { type BatteryCase, first, iso, marks, rows } from "../reference.js";

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {`;

export const entityCases: BatteryCase[] = [
  {
    name: "_entities: Track by key, as Q4's gateway asks, with its album and __typename",
    domain: "catalog",
    query: `${ENTITIES} __typename ... on Track { name album { title } } } }`,
    variables: { representations: [3, 1, 2, 1, 3501].map((id) => ({ __typename: "Track", id })) },
    statements: 1,
    async expected(db) {
      const tracks = [];
      for (const id of [3, 1, 2, 1, 3501]) {
        const t = (await first(db, `SELECT t.name, a.title FROM track t LEFT JOIN album a ON a.album_id = t.album_id WHERE t.track_id = ?`, id))!;
        tracks.push({ __typename: "Track", name: t.name, album: t.title === null ? null : { title: t.title } });
      }
      return { _entities: tracks };
    },
  },
  {
    name: "_entities: Album and Artist in one call (one statement per type), keys as text, aliases and a named fragment",
    domain: "catalog",
    query: `${ENTITIES} ... on Album { albumId: id title artist { name } } ...A } } fragment A on Artist { id name albums(orderBy: [{id: ASC}], limit: 2) { title } }`,
    variables: { representations: [{ __typename: "Album", id: "5" }, { __typename: "Artist", id: 22 }, { __typename: "Album", id: 1 }, { __typename: "Artist", id: "1" }] },
    statements: 2,
    async expected(db) {
      const album = async (id: number) => {
        const a = (await first(db, `SELECT al.album_id AS albumId, al.title, ar.name FROM album al JOIN artist ar ON ar.artist_id = al.artist_id WHERE al.album_id = ?`, id))!;
        return { albumId: a.albumId, title: a.title, artist: { name: a.name } };
      };
      const artist = async (id: number) => {
        const a = (await first(db, `SELECT artist_id AS id, name FROM artist WHERE artist_id = ?`, id))!;
        return { ...a, albums: await rows(db, `SELECT title FROM album WHERE artist_id = ? ORDER BY album_id LIMIT 2`, id) };
      };
      return { _entities: [await album(5), await artist(22), await album(1), await artist(1)] };
    },
  },
  {
    name: "_entities: Customer by key with its support rep, and Employee, under an alias",
    domain: "crm",
    query: `query ($representations: [_Any!]!) { found: _entities(representations: $representations) { __typename ... on Customer { id firstName country supportRep { firstName } } ... on Employee { lastName hireDate } } }`,
    variables: { representations: [{ __typename: "Customer", id: 3 }, { __typename: "Employee", id: 2 }, { __typename: "Customer", id: "59" }] },
    statements: 2,
    async expected(db) {
      const customer = async (id: number) => {
        const c = (await first(db, `SELECT c.customer_id AS id, c.first_name AS firstName, c.country, e.first_name AS rep FROM customer c LEFT JOIN employee e ON e.employee_id = c.support_rep_id WHERE c.customer_id = ?`, id))!;
        return { __typename: "Customer", id: c.id, firstName: c.firstName, country: c.country, supportRep: c.rep === null ? null : { firstName: c.rep } };
      };
      const employee = (await first(db, `SELECT last_name AS lastName, ${iso("hire_date")} AS hireDate FROM employee WHERE employee_id = ?`, 2))!;
      return { found: [await customer(3), { __typename: "Employee", ...employee }, await customer(59)] };
    },
  },
  {
    name: "_entities: crm's Customer extended in sales, its invoices and their count, beside Invoice",
    domain: "sales",
    query: `${ENTITIES} ... on Customer { id invoices(orderBy: [{id: ASC}], limit: 2) { id total } invoicesAggregate { count } } ... on Invoice { id invoiceDate } } }`,
    variables: { representations: [{ __typename: "Customer", id: 1 }, { __typename: "Invoice", id: 98 }, { __typename: "Customer", id: 2 }] },
    statements: 2,
    async expected(db) {
      const customer = async (id: number) => ({
        id,
        invoices: await rows(db, `SELECT invoice_id AS id, total FROM invoice WHERE customer_id = ? ORDER BY invoice_id LIMIT 2`, id),
        invoicesAggregate: { count: (await first(db, `SELECT count(*) AS n FROM invoice WHERE customer_id = ?`, id))!.n },
      });
      const ids = [98];
      const [invoice] = await rows(db, `SELECT invoice_id AS id, ${iso("invoice_date")} AS invoiceDate FROM invoice WHERE invoice_id IN (${marks(ids)})`, ...ids);
      return { _entities: [await customer(1), invoice, await customer(2)] };
    },
  },
];
