import { useApolloClient } from "@apollo/client/react";
import { useState } from "react";
import { CallerForm } from "./CallerForm";
import { InvoiceDetail } from "./InvoiceDetail";
import { InvoiceList } from "./InvoiceList";
import { TrackList } from "./TrackList";
import { useRoute } from "./route";

export function App({ gateway }: { gateway: string }) {
  const route = useRoute();
  const client = useApolloClient();
  // Answers depend on who asks: a new caller starts from an empty cache.
  const [callerVersion, setCallerVersion] = useState(0);
  const callerChanged = async () => {
    await client.clearStore();
    setCallerVersion((v) => v + 1);
  };
  return (
    <div className="app">
      <header>
        <h1>meshql store</h1>
        <nav>
          <a href="#/tracks" className={route.page === "tracks" ? "active" : ""}>Tracks</a>
          <a href="#/invoices" className={route.page !== "tracks" ? "active" : ""}>Invoices</a>
        </nav>
        <CallerForm onSaved={callerChanged} />
      </header>
      <main key={callerVersion}>
        {route.page === "tracks" && <TrackList />}
        {route.page === "invoices" && <InvoiceList />}
        {route.page === "invoice" && <InvoiceDetail id={route.id} />}
      </main>
      <footer>
        gateway <code>{gateway}</code>
      </footer>
    </div>
  );
}
