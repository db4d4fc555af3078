import { useQuery } from "@apollo/client/react";
import { MaskedFieldsDocument } from "./gql/graphql";

/** The fields the caller's policies mask, per product (`sales.Invoice` → {billingAddress, …}). */
export function useMaskedFields(): Record<string, Set<string>> {
  const { data } = useQuery(MaskedFieldsDocument);
  const masked = (product: { address: string; fields: { name: string; masked: boolean }[] } | null | undefined) =>
    product ? [[product.address, new Set(product.fields.filter((f) => f.masked).map((f) => f.name))] as const] : [];
  return Object.fromEntries([...masked(data?.invoiceProduct), ...masked(data?.customerProduct)]);
}

/** A value as the caller may see it: a masked one is marked, and a hidden one says so. */
export function Value({ value, masked, field }: { value: string | number | null | undefined; masked: boolean; field: string }) {
  if (!masked) return <span data-field={field}>{value ?? "—"}</span>;
  return (
    <span data-field={field} className="masked" title="masked by a policy">
      {value ?? "hidden"} <em>masked</em>
    </span>
  );
}
