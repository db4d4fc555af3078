import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLEnumType, GraphQLObjectType, type GraphQLSchema } from "graphql";
import { snakeCase } from "../../src/metadata/naming.js";
import { draftDomain } from "../../src/introspect/draftDomain.js";
import { printDomain } from "../../src/introspect/printDomain.js";
import { readStore } from "../../src/introspect/readStore.js";
import { describeEachTarget } from "../support/databases.js";
import { collisionsSchema } from "./collisionsSchema.js";
import { contractSchema } from "./contractSchema.js";
import { shopSchema, shopScript } from "./fixtures.js";
import { expectGolden } from "./golden.js";
import { chinookDatabase, dropDatabase, freshDatabase } from "./scratchDatabases.js";

// Databases meshql did not create, read as `meshql init` reads them: the SDL is compared with
// golden files, checked against the SDL contract, and its salient points asserted one by one.

async function sdlOf(url: string, domain: string, dbSchema?: string): Promise<{ sdl: string; schema: GraphQLSchema }> {
  const sdl = printDomain(draftDomain(await readStore(url, dbSchema), domain));
  return { sdl, schema: contractSchema(sdl) };
}

const object = (schema: GraphQLSchema, name: string) => {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLObjectType)) throw new Error(`no object type ${name}`);
  return type;
};
const fieldType = (schema: GraphQLSchema, type: string, field: string) => String(object(schema, type).getFields()[field]?.type);
/** A field's line in the SDL, directives included. */
const line = (sdl: string, type: string, field: string) => {
  const body = new RegExp(`^type ${type} [^\\n]*\\{\\n([\\s\\S]*?)\\n\\}`, "m").exec(sdl)?.[1] ?? "";
  return body.split("\n").find((l) => l.startsWith(`  ${field}:`))?.trim();
};
const typeLine = (sdl: string, type: string) => new RegExp(`^type ${type} [^\\n]*`, "m").exec(sdl)?.[0];

describeEachTarget("meshql init reads", (target) => {
  const { dialect } = target;
  // PostgreSQL's Chinook is snake_case; the SQLite and MySQL ones are PascalCase.
  const column = (postgres: string, pascal: string) => (dialect === "postgres" ? postgres : pascal);
  const urls: string[] = [];
  const fresh = async (url: Promise<string>) => {
    urls.push(await url);
    return urls[urls.length - 1];
  };
  afterAll(async () => {
    await Promise.all(urls.map(dropDatabase));
  });

  describe("Chinook as shipped", () => {
    let sdl: string;
    let schema: GraphQLSchema;
    beforeAll(async () => {
      ({ sdl, schema } = await sdlOf(await fresh(chinookDatabase(dialect, "intro_chinook")), "chinook"));
    });

    it("writes the golden SDL", () => expectGolden(`chinook.${dialect}.graphql`, sdl));

    it("has a product per table, keyed by its primary key", () => {
      for (const type of ["Album", "Artist", "Customer", "Employee", "Genre", "Invoice", "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track"]) {
        expect(typeLine(sdl, type), type).toBeDefined();
      }
      expect(typeLine(sdl, "Track")).toContain(`@key(fields: "trackId")`);
      expect(typeLine(sdl, "PlaylistTrack")).toContain(`@key(fields: "playlistId trackId")`);
    });

    it("relates tables both ways through their foreign keys", () => {
      expect(line(sdl, "Track", "album")).toBe(`album: Album @relation(column: "${column("album_id", "AlbumId")}")`);
      expect(line(sdl, "Track", "mediaType")).toBe(`mediaType: MediaType! @relation(column: "${column("media_type_id", "MediaTypeId")}")`);
      expect(line(sdl, "Album", "tracks")).toBe(`tracks: [Track!]! @relation(column: "${column("album_id", "AlbumId")}")`);
      expect(line(sdl, "Customer", "supportRep")).toBe(`supportRep: Employee @relation(column: "${column("support_rep_id", "SupportRepId")}")`);
      expect(line(sdl, "Invoice", "invoiceLines")).toBe(`invoiceLines: [InvoiceLine!]! @relation(column: "${column("invoice_id", "InvoiceId")}")`);
    });

    it("names a self-reference by its column on both sides", () => {
      expect(line(sdl, "Employee", "employeeByReportsTo")).toBe(`employeeByReportsTo: Employee @relation(column: "${column("reports_to", "ReportsTo")}")`);
      expect(line(sdl, "Employee", "employeesByReportsTo")).toBe(`employeesByReportsTo: [Employee!]! @relation(column: "${column("reports_to", "ReportsTo")}")`);
    });

    it("joins playlists and tracks many-to-many through the link table, which stays a product", () => {
      const through = column("playlist_track", "PlaylistTrack");
      expect(line(sdl, "Playlist", "tracks")).toBe(
        `tracks: [Track!]! @relation(through: "${through}", column: "${column("playlist_id", "PlaylistId")}", targetColumn: "${column("track_id", "TrackId")}")`,
      );
      expect(line(sdl, "Track", "playlists")).toBe(
        `playlists: [Playlist!]! @relation(through: "${through}", column: "${column("track_id", "TrackId")}", targetColumn: "${column("playlist_id", "PlaylistId")}")`,
      );
      expect(line(sdl, "Playlist", "playlistTracks")).toContain("[PlaylistTrack!]!");
    });

    it("maps each column's type and nullability", () => {
      expect(fieldType(schema, "Invoice", "total")).toBe("Decimal!");
      expect(fieldType(schema, "Invoice", "invoiceDate")).toBe("DateTime!");
      expect(fieldType(schema, "Track", "bytes")).toBe("Int");
      expect(fieldType(schema, "Customer", "company")).toBe("String");
      // camelCase fields, @column only where the column is not their snake_case.
      expect(line(sdl, "Customer", "firstName")).toBe(dialect === "postgres" ? "firstName: String!" : `firstName: String! @column(name: "FirstName")`);
    });
  });

  describe("a shop with every type, composite keys, reserved words, views and comments", () => {
    let sdl: string;
    let schema: GraphQLSchema;
    beforeAll(async () => {
      ({ sdl, schema } = await sdlOf(await fresh(freshDatabase(dialect, "intro_shop", shopScript(dialect))), "shop", shopSchema(dialect)));
    });

    it("writes the golden SDL", () => expectGolden(`shop.${dialect}.graphql`, sdl));

    it("keeps reserved words and mixed case as they are", () => {
      expect(typeLine(sdl, "Order")).toBe(`type Order @key(fields: "orderId") @product(table: "Order") {`);
      expect(line(sdl, "OrderLine", "lineNo")).toBe(`lineNo: Int! @column(name: "LineNo")`);
      expect(line(sdl, "OrderLine", "select")).toBe(`select: String @column(name: "Select")`);
    });

    it("keys a table by its composite primary key, else a unique index over NOT NULL columns, else not at all", () => {
      expect(typeLine(sdl, "OrderLine")).toContain(`@key(fields: "orderId lineNo")`);
      expect(typeLine(sdl, "Tag")).toContain(`@key(fields: "code")`);
      expect(typeLine(sdl, "AuditNote")).not.toContain("@key");
      expect(typeLine(sdl, "OrderTotal")).not.toContain("@key");
    });

    it("relates through a composite foreign key, its columns in the key's order", () => {
      const columns = dialect === "postgres" ? `["order_id", "line_no"]` : `["OrderId", "LineNo"]`;
      expect(line(sdl, "Shipment", "orderLineByOrderIdAndLineNo")).toBe(`orderLineByOrderIdAndLineNo: OrderLine! @relation(column: ${columns})`);
      expect(line(sdl, "OrderLine", "shipments")).toBe(`shipments: [Shipment!]! @relation(column: ${columns})`);
    });

    it("names the list relations of two foreign keys to one table by their columns", () => {
      expect(line(sdl, "Airport", "flightsByOrigin")).toMatch(/^flightsByOrigin: \[Flight!\]! @relation\(column: "[Oo]rigin"\)$/);
      expect(line(sdl, "Airport", "flightsByDestination")).toMatch(/^flightsByDestination: \[Flight!\]! @relation/);
      expect(line(sdl, "Flight", "airportByOrigin")).toMatch(/^airportByOrigin: Airport! @relation/);
    });

    it("joins orders and tags many-to-many through the link table", () => {
      expect(line(sdl, "Order", "tags")).toMatch(/^tags: \[Tag!\]! @relation\(through: "(order_tag|OrderTag)", column: "\w+", targetColumn: "\w+"\)$/);
      expect(line(sdl, "Tag", "orders")).toMatch(/^orders: \[Order!\]! @relation\(through: /);
    });

    it("maps every common type", () => {
      const types = Object.fromEntries(Object.entries(object(schema, "EveryType").getFields()).map(([name, f]) => [name, String(f.type)]));
      const expected: Record<string, Record<string, string>> = {
        postgres: {
          small: "Int", regular: "Int", big: "BigInt", exact: "Decimal", float4Value: "Float", float8Value: "Float", label: "String",
          code: "String", notes: "String", host: "String", atTime: "String", duration: "String", flag: "Boolean", day: "Date",
          stamp: "DateTime", stamptz: "DateTime", uid: "UUID", data: "JSON", datab: "JSON", feeling: "Mood", feelings: "[Mood]",
          tags: "[String]", scores: "[Int]", quantities: "[Int]",
        },
        mysql: {
          flag: "Boolean", yes: "Boolean", tiny: "Int", small: "Int", medium: "Int", regular: "Int", regularUnsigned: "BigInt",
          big: "BigInt", bigUnsigned: "BigInt", exact: "Decimal", floatValue: "Float", doubleValue: "Float", label: "String",
          atTime: "String", yearValue: "Int", options: "String", day: "Date", stamp: "DateTime", stampTz: "DateTime",
          data: "JSON", uid: "UUID", rating: "EveryTypeRating",
        },
        sqlite: {
          flag: "Boolean", big: "BigInt", big8: "BigInt", small: "Int", regular: "Int", numeric: "Decimal", exact: "Decimal",
          realValue: "Float", floatValue: "Float", doubleValue: "Float", day: "Date", stamp: "DateTime", stamp2: "DateTime",
          uid: "UUID", data: "JSON", label: "String", document: "String", atTime: "String", untyped: "String",
        },
      };
      expect(types).toMatchObject(expected[dialect]);
    });

    it("leaves out the columns it cannot serve, saying why", () => {
      const leftOut = {
        postgres: [`# column "price" (money) is left out: meshql has no GraphQL type for money`, `# column "raw" (bytea) is left out`, `# column "home" (address) is left out: meshql has no GraphQL type for composite types`],
        mysql: [`# column "Shape" (geometry) is left out: meshql has no GraphQL type for geometry`, `# column "Payload" (blob) is left out`],
        sqlite: [`# column "Raw" (BLOB) is left out`, `# column "Untyped" has no declared type: served as String`],
      }[dialect];
      for (const comment of leftOut) expect(sdl).toContain(comment);
      expect(Object.keys(object(schema, "EveryType").getFields())).not.toContain("raw");
    });

    it("makes enums of enum types, keeping stored values that are valid names", () => {
      const name = dialect === "postgres" ? "Mood" : "OrderRating";
      if (dialect === "sqlite") return expect(schema.getType(name)).toBeUndefined();
      const type = schema.getType(name) as GraphQLEnumType;
      const values = type.getValues().map((v) => [v.name, v.astNode?.directives?.[0]?.arguments?.[0]?.value]);
      expect(values.map(([n]) => n)).toEqual(dialect === "postgres" ? ["happy", "so_so", "PG_13", "TRUE", "EMPTY"] : ["G", "PG", "PG_13", "R", "NC_17"]);
      expect(sdl).toContain(`PG_13 @enumValue(value: "PG-13")`);
    });

    it("describes products and fields from comments, non-ASCII and quotes included", () => {
      if (dialect === "sqlite") return expect(sdl).not.toContain('"""');
      expect(object(schema, "Order").description).toMatch(/^Une commande — 注文/);
      expect(object(schema, "Order").getFields().total.description).toBe("Total in €, four decimals");
      if (dialect === "postgres") {
        expect(object(schema, "Order").description).toBe('Une commande — 注文, with "quotes" and """triple quotes"""');
        expect(object(schema, "OrderTotal").description).toBe("Order totals from their lines");
        expect(object(schema, "OrderLine").getFields().select.description).toBe("A reserved word as a column name.\nSecond line of the comment.");
      }
    });

    it("reads only the schema it is given", () => {
      expect(sdl).not.toContain("Elsewhere");
    });
  });

  describe("names that collide", () => {
    let sdl: string;
    let schema: GraphQLSchema;
    beforeAll(async () => {
      ({ sdl, schema } = await sdlOf(await fresh(freshDatabase(dialect, "intro_collisions", collisionsSchema(dialect))), "odd"));
    });

    it("writes the golden SDL", () => expectGolden(`collisions.${dialect}.graphql`, sdl));

    it("gives a numbered name to a type named like a reserved or generated type", () => {
      const types = [...sdl.matchAll(/^type (\w+) ([^\n]*)\{$/gm)];
      const tables = Object.fromEntries(types.map(([, name, directives]) => [/table: "([^"]+)"/.exec(directives)?.[1] ?? snakeCase(name), name]));
      expect(tables).toEqual({
        "2fa_codes": "Table2faCode",
        album: "Album",
        date: "Date2",
        int_comparison: "IntComparison2",
        order_direction: "OrderDirection2",
        people: "Person",
        person: "Person2",
        product: "Product",
        product_field: "ProductField2",
        query: "Query2",
        sheep: "Sheep",
        track: "Track",
        track_where: "TrackWhere2",
      });
    });

    it("sets a plural only where singular and plural are the same word", () => {
      expect(typeLine(sdl, "Sheep")).toContain(`@product(plural: "sheepList")`);
      expect(typeLine(sdl, "Track")).toBe(`type Track @key(fields: "id") @product {`);
    });

    it("numbers fields whose names collide, and names columns that camelCase to nothing or to a digit", () => {
      expect(Object.keys(object(schema, "Track").getFields())).toEqual(["id", "albumId", "album", "albumId2", "_2fa", "column6", "albumByAlbumId"]);
      expect(line(sdl, "Album", "tracksByAlbumId")).toBe(`tracksByAlbumId: [Track!]! @relation(column: "album_id")`);
    });

    it("skips meshql's own tables", () => {
      expect(sdl).not.toMatch(/migrations/i);
    });
  });
});
