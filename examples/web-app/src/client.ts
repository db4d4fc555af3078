import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import type { DocumentNode } from "graphql";
import persistedDocuments from "./gql/persisted-documents.json";
import { typePolicies } from "./gql/typePolicies";
import { readCaller } from "./settings";

// graphql-codegen puts each operation's sha256 in its document (`__meta__.hash`) and its text in
// persisted-documents.json: the app sends the hash, and the text only to a gateway that does not
// know it yet (automatic persisted queries). A mesh whose trusted documents are this manifest
// never needs the text.
const texts = persistedDocuments as Record<string, string>;
const hashOf = (document: DocumentNode) => (document as { __meta__?: { hash?: string } }).__meta__?.hash;

export function createClient(uri: string) {
  const caller = new SetContextLink((prevContext) => {
    const { token, purpose } = readCaller();
    return {
      headers: {
        ...prevContext.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(purpose ? { "x-purpose": purpose } : {}),
      },
    };
  });
  const persisted = new PersistedQueryLink({
    generateHash: (document) => hashOf(document) ?? Promise.reject(new Error("an operation without a persisted hash")),
    // GETs by hash: cacheable, and the CSRF header below marks them as sent from a page that asked first.
    useGETForHashedQueries: true,
  });
  const http = new HttpLink({
    uri,
    headers: { "apollo-require-preflight": "true" },
    // The text sent is the manifest's, so that its sha256 is the hash sent with it.
    print: (node, defaultPrint) => texts[hashOf(node as DocumentNode) ?? ""] ?? defaultPrint(node),
  });
  return new ApolloClient({
    link: ApolloLink.from([caller, persisted, http]),
    // Entities are normalised by their @key, as the supergraph declares them (src/gql/typePolicies.ts).
    cache: new InMemoryCache({ typePolicies }),
  });
}
