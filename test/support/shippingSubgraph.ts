import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

// Another team's subgraph, written by hand with @apollo/subgraph as such a team would: it
// computes from crm's Customer fields (@requires) and owns warehouses crm extends. It records
// every Customer representation the gateway sends it, so tests can see what crossed over.

export const SHIPPING_SDL = readFileSync("test/fixtures/shipping/shipping.graphql", "utf8");

const WAREHOUSES = [
  { code: "OSL", city: "Oslo", country: "Norway", managerId: 2 },
  { code: "GRU", city: "Guarulhos", country: "Brazil", managerId: 6 },
  { code: "ATL", city: "Atlantis", country: "Atlantis", managerId: null },
];
const DAYS_TO = new Map([["Norway", 2], ["Brazil", 9], ["Germany", 3], ["USA", 5]]);

export type CustomerRepresentation = { __typename: "Customer"; id: number; country?: string | null; postalCode?: string | null; email?: string };

export interface ShippingSubgraph {
  url: string;
  /** Customer representations received so far, in order. */
  received: CustomerRepresentation[];
  stop(): Promise<void>;
}

export async function serveShipping(port: number): Promise<ShippingSubgraph> {
  const received: CustomerRepresentation[] = [];
  const schema = buildSubgraphSchema({
    typeDefs: parse(SHIPPING_SDL),
    resolvers: {
      Query: {
        warehouses: () => WAREHOUSES,
        warehouse: (_: unknown, { code }: { code: string }) => WAREHOUSES.find((w) => w.code === code) ?? null,
      },
      Customer: {
        __resolveReference(representation: CustomerRepresentation) {
          received.push(representation);
          return representation;
        },
        shippingDays: (c: CustomerRepresentation) => (c.country ? (DAYS_TO.get(c.country) ?? 7) + (c.postalCode ? 0 : 2) : null),
        carrierContact: (c: CustomerRepresentation) => `carrier:${c.email}`,
      },
      Warehouse: {
        __resolveReference: (ref: { code: string }) => WAREHOUSES.find((w) => w.code === ref.code) ?? null,
      },
    } as never,
  });
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port, host: "127.0.0.1" } });
  return { url, received, stop: () => server.stop() };
}
