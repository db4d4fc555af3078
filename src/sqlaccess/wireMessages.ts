// PostgreSQL wire protocol (v3) messages the SQL endpoint reads or writes itself; everything
// else passes through as the bytes the client or the server sent.

/** Splits a byte stream into whole messages: a type byte and a length, or (before startup) a length alone. */
export class Framer {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private typed: boolean) {}

  /** From now on messages carry a type byte (after the startup message). */
  startTyped(): void {
    this.typed = true;
  }

  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const messages: Buffer[] = [];
    let offset = 0;
    const head = this.typed ? 1 : 0;
    while (this.buffer.length - offset >= head + 4) {
      const length = this.buffer.readUInt32BE(offset + head);
      if (length < 4) throw new Error("malformed message length");
      const end = offset + head + length;
      if (end > this.buffer.length) break;
      messages.push(this.buffer.subarray(offset, end));
      offset = end;
    }
    this.buffer = this.buffer.subarray(offset);
    return messages;
  }
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`, "utf8");
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

export const authenticationOk = () => message("R", int32(0));
export const authenticationCleartextPassword = () => message("R", int32(3));
export const parameterStatus = (name: string, value: string) => message("S", cstring(name), cstring(value));
export const backendKeyData = (pid: number, key: number) => message("K", int32(pid), int32(key));
export const readyForQuery = (status: string) => message("Z", Buffer.from(status, "latin1"));

export interface ErrorFields {
  severity?: "ERROR" | "FATAL";
  code: string;
  message: string;
  hint?: string;
}

export function errorResponse({ severity = "ERROR", code, message: text, hint }: ErrorFields): Buffer {
  const fields = [["S", severity], ["V", severity], ["C", code], ["M", text], ...(hint ? [["H", hint]] : [])];
  return message("E", ...fields.map(([k, v]) => Buffer.concat([Buffer.from(k, "latin1"), cstring(v)])), Buffer.from([0]));
}

/** A CancelRequest, as a client sends it on a connection of its own. */
export function cancelRequest(pid: number, key: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeInt32BE(16, 0);
  b.writeInt32BE(80877102, 4);
  b.writeInt32BE(pid, 8);
  b.writeInt32BE(key, 12);
  return b;
}

export const isCancelRequest = (startup: Buffer) => startup.length === 16 && startup.readInt32BE(4) === 80877102;

/** The null-terminated strings of a message body from `offset`, up to `count` of them. */
export function readCStrings(msg: Buffer, offset: number, count: number): { values: string[]; end: number } {
  const values: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    const zero = msg.indexOf(0, at);
    if (zero < 0) throw new Error("malformed message: unterminated string");
    values.push(msg.toString("utf8", at, zero));
    at = zero + 1;
  }
  return { values, end: at };
}

/** The fields of an ErrorResponse or NoticeResponse, by their one-letter codes. */
export function errorFields(msg: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  let at = 5;
  while (at < msg.length && msg[at] !== 0) {
    const code = String.fromCharCode(msg[at]);
    const zero = msg.indexOf(0, at + 1);
    fields[code] = msg.toString("utf8", at + 1, zero);
    at = zero + 1;
  }
  return fields;
}
