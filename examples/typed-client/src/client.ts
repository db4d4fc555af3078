import {
  ArtistDiscographyDocument,
  InvoicesOfCountryDocument,
  SalesByCountryDocument,
  TracksOfGenreDocument,
  type ArtistDiscographyQuery,
  type InvoicesOfCountryQuery,
  type SalesByCountryQuery,
  type TracksOfGenreQuery,
} from "../gql/graphql.js";
import { GraphQLRequestError, request, type Endpoint } from "./request.js";

const minutes = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}`;

/** The four operations, each with its typed variables. */
async function runAll(endpoint: Endpoint) {
  return {
    rock: await request(endpoint, TracksOfGenreDocument, { genre: "Rock", limit: 5 }),
    acdc: await request(endpoint, ArtistDiscographyDocument, { name: "AC/DC", tracksPerAlbum: 2 }),
    sales: await request(endpoint, SalesByCountryDocument, { top: 5, minInvoices: 10 }),
    norway: await request(endpoint, InvoicesOfCountryDocument, { where: { billingCountry: { _eq: "Norway" } }, limit: 2 }),
  };
}

function printTracks({ tracksAggregate, tracks }: TracksOfGenreQuery): void {
  console.log(`Rock: ${tracksAggregate.count} tracks, the first ${tracks.length}:`);
  for (const t of tracks) console.log(`  ${t.name} · ${t.album?.artist.name ?? "?"} · ${minutes(t.milliseconds)} · $${t.unitPrice}`);
}

function printDiscography({ artists }: ArtistDiscographyQuery): void {
  for (const artist of artists) {
    console.log(`${artist.name}: ${artist.albums.length} albums`);
    for (const album of artist.albums) {
      console.log(`  ${album.title}: ${album.tracksAggregate.count} tracks, ${minutes(album.tracksAggregate.sum?.milliseconds ?? 0)}`);
      for (const track of album.tracks) console.log(`    ${track.name} (${minutes(track.milliseconds)})`);
    }
  }
}

function printSales({ invoicesGroupBy }: SalesByCountryQuery): void {
  console.log("Sales by country:");
  for (const g of invoicesGroupBy) console.log(`  ${g.key.billingCountry}: ${g.count} invoices, ${g.sum?.total} in all, ${g.avg?.total?.toFixed(2)} on average`);
}

function printInvoices({ invoices }: InvoicesOfCountryQuery): void {
  console.log("Invoices billed in Norway:");
  for (const i of invoices) {
    // The billing address and the email come back as the caller's policies allow: null, hashed or plain.
    console.log(`  #${i.id} ${i.invoiceDate.slice(0, 10)} ${i.total} ${i.customer?.firstName} ${i.customer?.lastName} <${i.customer?.email}> address: ${i.billingAddress}`);
    for (const line of i.lines) console.log(`    ${line.quantity} × ${line.track.name} (${line.track.album?.title}) at ${line.unitPrice}`);
  }
}

const token = process.env.MESHQL_TOKEN;
if (!token) {
  console.error("MESHQL_TOKEN must hold a token: MESHQL_TOKEN=$(npm run -s token -- analyst)");
  process.exit(2);
}
const endpoint: Endpoint = { url: process.env.MESHQL_URL ?? "http://localhost:4000/graphql", token, purpose: process.env.MESHQL_PURPOSE };
const results = await runAll(endpoint).catch((error: Error) => {
  // A refusal (FORBIDDEN, UNAUTHENTICATED, BAD_USER_INPUT) is an answer, not a crash.
  if (!(error instanceof GraphQLRequestError)) throw error;
  console.error(`the mesh refused: ${error.message}`);
  process.exit(1);
});
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(results, null, 2));
} else {
  printTracks(results.rock);
  printDiscography(results.acdc);
  printSales(results.sales);
  printInvoices(results.norway);
}
