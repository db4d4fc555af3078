/** The PostgreSQL type a GraphQL scalar is cast to where a bare parameter needs one. */
export const PG_TYPES = { Int: "integer", Float: "double precision", String: "text", Boolean: "boolean", DateTime: "timestamp" } as const;
