import { expect, it } from "vitest";
import { DocumentSignatures } from "../../src/server/trustedDocuments.js";

// The gateway's document signatures, remembered per text: a remembered text changes no answer.
it("verifies only the key's signature of the very text, before and after remembering it", () => {
  const key = new DocumentSignatures(Buffer.from("the mesh's key"));
  const other = new DocumentSignatures(Buffer.from("another key"));
  const text = "{ tracks { id } }";
  const forged = other.sign(text);
  expect(key.verify(text, forged)).toBe(false);
  expect(key.verify(text, undefined)).toBe(false);
  const valid = new DocumentSignatures(Buffer.from("the mesh's key")).sign(text);
  expect(key.verify(text, valid)).toBe(true);
  expect(key.verify(text, valid)).toBe(true);
  expect(key.verify(text, forged)).toBe(false);
  expect(key.verify(text, valid.slice(0, 40))).toBe(false);
  expect(key.verify(`${text} `, valid)).toBe(false);
  expect(key.sign(text)).toBe(valid);
});

it("remembers no text a forged or missing signature came with", () => {
  const key = new DocumentSignatures(Buffer.from("k"));
  const forger = new DocumentSignatures(Buffer.from("not k"));
  for (let i = 0; i < 100; i++) expect(key.verify(`{ a${i} }`, i % 2 ? forger.sign(`{ a${i} }`) : undefined)).toBe(false);
  expect((key as unknown as { signatures: Map<string, unknown> }).signatures.size).toBe(0);
});

it("signs and verifies a text larger than it remembers", () => {
  const key = new DocumentSignatures(Buffer.from("k"));
  const text = `{ ${"a ".repeat(5_000_000)}}`;
  const signature = key.sign(text);
  expect(key.verify(text, signature)).toBe(true);
  expect(key.verify(text, signature.replace(/^./, (c) => (c === "0" ? "1" : "0")))).toBe(false);
});
