#!/usr/bin/env node
// graphql-js decides once, when it is first loaded, whether to run its development checks (a
// slower instanceof on every type test, a fifth of a subgraph's GraphQL execution time), so
// NODE_ENV is set before anything else is imported: a server runs in production mode unless
// NODE_ENV says otherwise. Apollo Server's own production defaults are all set explicitly.
process.env.NODE_ENV ??= "production";
const { runCli } = await import("./runCli.js");
await runCli(process.argv.slice(2));
