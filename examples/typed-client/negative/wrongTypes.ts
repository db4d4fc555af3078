// Mistakes the generated types must catch: `tsc -p examples/typed-client/negative` fails on
// exactly the lines marked `// TSnnnn`, with those codes (test/examples/typedClient.test.ts).
import { SalesByCountryDocument, TracksOfGenreDocument } from "../gql/graphql.js";
import { request, type Endpoint } from "../src/request.js";

declare const endpoint: Endpoint;

await request(endpoint, TracksOfGenreDocument, { genre: 1 }); // TS2322: genre is a String!
await request(endpoint, SalesByCountryDocument, { minInvoices: 3 }); // TS2345: top is required
await request(endpoint, TracksOfGenreDocument, { genre: "Rock", page: 2 }); // TS2353: no such variable

const { tracks } = await request(endpoint, TracksOfGenreDocument, { genre: "Rock" });
console.log(tracks[0].composer); // TS2339: not selected by the operation
console.log(tracks[0].album.title); // TS2531: album is nullable
const count: string = (await request(endpoint, SalesByCountryDocument, { top: 3 })).invoicesGroupBy[0].count; // TS2322: count is an Int
console.log(count);
