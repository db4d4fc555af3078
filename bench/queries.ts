/**
 * The canonical queries, as each contender is asked them, and how each answer is brought to one
 * canonical form so that every contender is checked to return the same data before it is timed.
 *
 * Q1 a filtered, ordered, paged list: the second page of 20 Jazz tracks, newest first.
 * Q2 three levels in one domain: 5 artists → 5 albums each → 10 tracks each, all by key.
 * Q3 a group-by with aggregates: invoices by billing country, sum and max of the totals.
 * Q4 across domains through a gateway: 10 newest invoices → customer (crm) and
 *    lines → track → album (catalog).
 */
export type QueryName = "Q1" | "Q2" | "Q3" | "Q4";
export const QUERY_NAMES: QueryName[] = ["Q1", "Q2", "Q3", "Q4"];

export const PARAMS = { genre: 2, page: 20, offset: 20, artists: 5, albums: 5, tracks: 10, invoices: 10 } as const;
const P = PARAMS;

export const DESCRIPTIONS: Record<QueryName, string> = {
  Q1: `tracks of genre ${P.genre}, ordered by id desc, ${P.page} rows from offset ${P.offset}`,
  Q2: `${P.artists} artists → ${P.albums} albums → ${P.tracks} tracks (catalog)`,
  Q3: "invoices grouped by billing country: sum and max of total (sales)",
  Q4: `${P.invoices} newest invoices → customer (crm), lines → track → album (catalog)`,
};

/** meshql's generated API: the subgraphs, the embedded gateway and Hive Gateway all take these. */
export const MESHQL: Record<QueryName, string> = {
  Q1: `{ tracks(where: {genre: {id: {_eq: ${P.genre}}}}, orderBy: [{id: DESC}], limit: ${P.page}, offset: ${P.offset}) {
    id name composer milliseconds unitPrice } }`,
  Q2: `{ artists(orderBy: [{id: ASC}], limit: ${P.artists}) { id name
    albums(orderBy: [{id: ASC}], limit: ${P.albums}) { id title
      tracks(orderBy: [{id: ASC}], limit: ${P.tracks}) { id name milliseconds } } } }`,
  Q3: `{ invoicesGroupBy(by: [billingCountry], orderBy: [{key: {billingCountry: ASC}}]) {
    key { billingCountry } sum { total } max { total } } }`,
  Q4: `{ invoices(orderBy: [{id: DESC}], limit: ${P.invoices}) { id invoiceDate total
    customer { firstName lastName country }
    lines(orderBy: [{id: ASC}]) { quantity unitPrice track { name album { title } } } } }`,
};

/** PostGraphile V5 (Amber preset + @graphile/pg-aggregates): connections, condition, orderBy, first/offset. */
export const POSTGRAPHILE: Partial<Record<QueryName, string>> = {
  Q1: `{ allTracks(condition: {genreId: ${P.genre}}, orderBy: TRACK_ID_DESC, first: ${P.page}, offset: ${P.offset}) {
    nodes { trackId name composer milliseconds unitPrice } } }`,
  Q2: `{ allArtists(orderBy: ARTIST_ID_ASC, first: ${P.artists}) { nodes { artistId name
    albumsByArtistId(orderBy: ALBUM_ID_ASC, first: ${P.albums}) { nodes { albumId title
      tracksByAlbumId(orderBy: TRACK_ID_ASC, first: ${P.tracks}) { nodes { trackId name milliseconds } } } } } } }`,
  Q3: `{ allInvoices { groupedAggregates(groupBy: [BILLING_COUNTRY]) { keys sum { total } max { total } } } }`,
};

/** The hand-written Apollo subgraph: the arguments a team would write, the same data back. */
export const HANDWRITTEN: Partial<Record<QueryName, string>> = {
  Q1: `{ tracksByGenre(genreId: ${P.genre}, limit: ${P.page}, offset: ${P.offset}) { id name composer milliseconds unitPrice } }`,
  Q2: `{ artists(limit: ${P.artists}) { id name albums(limit: ${P.albums}) { id title tracks(limit: ${P.tracks}) { id name milliseconds } } } }`,
  Q3: `{ salesByCountry { billingCountry sumTotal maxTotal } }`,
};

type Json = any;
const num = (v: unknown) => (v === null || v === undefined ? v : Math.round(Number(v) * 100) / 100);
/** Dates as ISO 8601 UTC, to the second, whatever the contender's spelling. */
const date = (v: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(" ", "T")}Z`).toISOString();
const byCountry = (a: { billingCountry: string | null }, b: { billingCountry: string | null }) =>
  String(a.billingCountry ?? "\uffff").localeCompare(String(b.billingCountry ?? "\uffff"));

const track1 = (t: Json) => ({ id: t.id ?? t.trackId, name: t.name, composer: t.composer, milliseconds: t.milliseconds, unitPrice: num(t.unitPrice) });
const track2 = (t: Json) => ({ id: t.id ?? t.trackId, name: t.name, milliseconds: t.milliseconds });
const nodes = (c: Json) => (Array.isArray(c) ? c : c.nodes);

/** The canonical form of each query's data, from any contender's `data`. */
export const CANONICAL: Record<QueryName, (data: Json) => unknown> = {
  Q1: (d) => nodes(d.tracks ?? d.allTracks ?? d.tracksByGenre).map(track1),
  Q2: (d) =>
    nodes(d.artists ?? d.allArtists).map((a: Json) => ({
      id: a.id ?? a.artistId,
      name: a.name,
      albums: nodes(a.albums ?? a.albumsByArtistId).map((al: Json) => ({
        id: al.id ?? al.albumId,
        title: al.title,
        tracks: nodes(al.tracks ?? al.tracksByAlbumId).map(track2),
      })),
    })),
  Q3: (d) => {
    const groups = d.invoicesGroupBy
      ? d.invoicesGroupBy.map((g: Json) => ({ billingCountry: g.key.billingCountry, sum: num(g.sum.total), max: num(g.max.total) }))
      : d.allInvoices
        ? d.allInvoices.groupedAggregates.map((g: Json) => ({ billingCountry: g.keys[0], sum: num(g.sum.total), max: num(g.max.total) }))
        : d.salesByCountry.map((g: Json) => ({ billingCountry: g.billingCountry, sum: num(g.sumTotal), max: num(g.maxTotal) }));
    return groups.sort(byCountry);
  },
  Q4: (d) =>
    d.invoices.map((i: Json) => ({
      id: i.id,
      invoiceDate: date(i.invoiceDate),
      total: num(i.total),
      customer: i.customer,
      lines: i.lines.map((l: Json) => ({ quantity: l.quantity, unitPrice: num(l.unitPrice), track: l.track })),
    })),
};
