import { useQuery } from "@apollo/client/react";
import { InvoiceDocument } from "./gql/graphql";
import { useMaskedFields, Value } from "./Masked";
import { Problem } from "./Problem";

/** One invoice across the mesh: sales' invoice, crm's customer, catalog's tracks. */
export function InvoiceDetail({ id }: { id: number }) {
  const { data, error } = useQuery(InvoiceDocument, { variables: { id } });
  const masked = useMaskedFields();
  const isMasked = (product: string, field: string) => masked[product]?.has(field) ?? false;
  if (error) return <Problem error={error} />;
  if (!data) return <p>loading…</p>;
  const { invoice } = data;
  if (!invoice) return <p id="problem">There is no invoice {id} you may see.</p>;
  const { customer } = invoice;
  return (
    <section id="invoice-detail">
      <h2>Invoice #{invoice.id}</h2>
      <dl>
        <dt>Date</dt>
        <dd>{invoice.invoiceDate.slice(0, 10)}</dd>
        <dt>Billed to</dt>
        <dd>
          <Value field="billingAddress" value={invoice.billingAddress} masked={isMasked("sales.Invoice", "billingAddress")} />, {invoice.billingCity},{" "}
          {invoice.billingCountry}
        </dd>
        <dt>Total</dt>
        <dd id="invoice-total">{invoice.total.toFixed(2)}</dd>
      </dl>
      {customer && (
        <div id="customer">
          <h3>
            {customer.firstName} {customer.lastName}
          </h3>
          <p>{customer.company}</p>
          <p>
            Email <Value field="email" value={customer.email} masked={isMasked("crm.Customer", "email")} />
          </p>
          <p>
            Phone <Value field="phone" value={customer.phone} masked={isMasked("crm.Customer", "phone")} />
          </p>
        </div>
      )}
      <table id="lines">
        <thead>
          <tr>
            <th>Track</th>
            <th>Album</th>
            <th>Artist</th>
            <th>Quantity</th>
            <th>Price</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line) => (
            <tr key={line.id} className="line-row">
              <td>{line.track?.name}</td>
              <td>{line.track?.album?.title}</td>
              <td>{line.track?.album?.artist?.name}</td>
              <td className="number">{line.quantity}</td>
              <td className="number">{line.unitPrice.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="#/invoices">All invoices</a>
      </p>
    </section>
  );
}
