import { useQuery } from "@apollo/client/react";
import { useDeferredValue, useState } from "react";
import { InvoicesDocument } from "./gql/graphql";
import { Problem } from "./Problem";

/** The latest invoices, filtered by billing country; each opens its detail. */
export function InvoiceList() {
  const [country, setCountry] = useState("");
  const term = useDeferredValue(country.trim());
  const { data, error } = useQuery(InvoicesDocument, { variables: { where: term ? { billingCountry: { _eq: term } } : undefined } });
  return (
    <section>
      <div className="filters">
        <input id="country" placeholder="billing country, e.g. Norway" value={country} onChange={(e) => setCountry(e.target.value)} />
      </div>
      {error && <Problem error={error} />}
      {data && (
        <table id="invoices">
          <thead>
            <tr>
              <th>Invoice</th>
              <th>Date</th>
              <th>Customer</th>
              <th>Country</th>
              <th>Total</th>
            </tr>
          </thead>
          <tbody>
            {data.invoices.map((i) => (
              <tr key={i.id} className="invoice-row" data-id={i.id} onClick={() => (location.hash = `#/invoice/${i.id}`)}>
                <td>
                  <a href={`#/invoice/${i.id}`}>#{i.id}</a>
                </td>
                <td>{i.invoiceDate.slice(0, 10)}</td>
                <td>{i.customer ? `${i.customer.firstName} ${i.customer.lastName}` : "—"}</td>
                <td>{i.billingCountry}</td>
                <td className="number">{i.total.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
