import { useState, type FormEvent } from "react";
import { readCaller, saveCaller } from "./settings";

/** The caller's bearer token and purpose (x-purpose), sent with every request. */
export function CallerForm({ onSaved }: { onSaved: () => void }) {
  const [caller, setCaller] = useState(readCaller);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    saveCaller(caller);
    onSaved();
  };
  return (
    <form className="caller" onSubmit={submit}>
      <input id="token" placeholder="bearer token" value={caller.token} onChange={(e) => setCaller({ ...caller, token: e.target.value.trim() })} />
      <input id="purpose" placeholder="purpose" value={caller.purpose} onChange={(e) => setCaller({ ...caller, purpose: e.target.value.trim() })} />
      <button id="save-caller" type="submit">Use</button>
    </form>
  );
}
