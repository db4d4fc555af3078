import { CombinedGraphQLErrors } from "@apollo/client";

/** What went wrong, in the mesh's words and code, or that the gateway could not be reached. */
export function Problem({ error }: { error: unknown }) {
  const message = CombinedGraphQLErrors.is(error)
    ? error.errors.map((e) => `${e.message} (${String(e.extensions?.code ?? "ERROR")})`).join("; ")
    : `the gateway could not be reached: ${(error as Error).message}`;
  return (
    <p id="problem" className="problem">
      {message}
    </p>
  );
}
