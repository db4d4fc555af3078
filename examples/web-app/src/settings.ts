// Where the app finds the gateway and who it asks as: `?gateway=` in the address (kept for the
// session), else the demo's gateway; the token and purpose the user sets, kept in localStorage.

const GATEWAY_KEY = "meshql-web-app:gateway";
const CALLER_KEY = "meshql-web-app:caller";

export interface Caller {
  token: string;
  purpose: string;
}

export function gatewayUrl(): string {
  const fromAddress = new URLSearchParams(location.search).get("gateway");
  if (fromAddress) sessionStorage.setItem(GATEWAY_KEY, fromAddress);
  return sessionStorage.getItem(GATEWAY_KEY) ?? "http://localhost:4000/graphql";
}

export function readCaller(): Caller {
  try {
    const stored = JSON.parse(localStorage.getItem(CALLER_KEY) ?? "{}") as Partial<Caller>;
    return { token: stored.token ?? "", purpose: stored.purpose ?? "" };
  } catch {
    return { token: "", purpose: "" };
  }
}

export function saveCaller(caller: Caller): void {
  localStorage.setItem(CALLER_KEY, JSON.stringify(caller));
}
