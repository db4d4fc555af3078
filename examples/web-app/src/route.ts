import { useEffect, useState } from "react";

export type Route = { page: "tracks" } | { page: "invoices" } | { page: "invoice"; id: number };

/** The page the address's hash names: #/tracks, #/invoices, #/invoice/42. */
function routeOf(hash: string): Route {
  const invoice = /^#\/invoice\/(\d+)$/.exec(hash);
  if (invoice) return { page: "invoice", id: Number(invoice[1]) };
  return hash === "#/invoices" ? { page: "invoices" } : { page: "tracks" };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const update = () => setRoute(routeOf(location.hash));
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}
