import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createClient } from "./client";
import { gatewayUrl } from "./settings";
import "./styles.css";

const client = createClient(gatewayUrl());
// Where Apollo's browser devtools (and the tests) look for the client and its cache.
(window as { __APOLLO_CLIENT__?: unknown }).__APOLLO_CLIENT__ = client;

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App gateway={gatewayUrl()} />
    </ApolloProvider>
  </StrictMode>,
);
