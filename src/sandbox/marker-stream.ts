// Splits a PTY's byte stream at nonce markers (`\x1e<nonce> <code>\x1e`): streams each chunk to the caller
// as it comes, holds back only what could be the start of a marker, and resolves when the marker with
// the expected nonce arrives. Output with a wrong or missing nonce is just output. Used by the launcher
// (ready / end of a one-shot) and by sessions (end of each command).

export interface MarkerResult {
  exitCode: number;
  output: Buffer;
  outputBytes: number;
  truncated: boolean;
  /** False when finish() ended the wait (no marker arrived). */
  marker: boolean;
}

interface Pending {
  nonce: string;
  cap: number;
  onData: (chunk: Buffer) => void;
  resolve: (r: MarkerResult) => void;
  reject: (e: Error) => void;
  kept: Buffer[];
  keptBytes: number;
  total: number;
}

const RS = 0x1e;
const MAX_UNCLAIMED = 1024 * 1024;

/** One consumer at a time: the session runs its commands one after another. */
export class MarkerStream {
  private buf: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;

  /** Waits for `nonce`'s marker; output before it goes to onData and into the result (up to cap). */
  expect(nonce: string, cap: number, onData: (chunk: Buffer) => void): Promise<MarkerResult> {
    return new Promise((resolve, reject) => {
      this.pending = { nonce, cap, onData, resolve, reject, kept: [], keptBytes: 0, total: 0 };
      if (this.buf.length) this.push(Buffer.alloc(0));
    });
  }

  push(chunk: Buffer): void {
    const p = this.pending;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (!p) {
      // Nobody waits (between two expects): keep a bounded amount for the next one.
      if (this.buf.length > MAX_UNCLAIMED) this.buf = this.buf.subarray(this.buf.length - MAX_UNCLAIMED);
      return;
    }
    const firstRs = this.buf.indexOf(RS);
    const m = firstRs === -1 ? null : findMarker(this.buf, p.nonce);
    if (m) {
      this.emit(p, m.before);
      this.pending = null;
      this.buf = Buffer.from(m.after);
      p.resolve({ exitCode: m.exitCode, output: Buffer.concat(p.kept), outputBytes: p.total, truncated: p.total > p.keptBytes, marker: true });
      return;
    }
    // Emit everything up to a possible marker start (RS, less the CR LF the marker line adds before it).
    const rs = firstRs === -1 ? -1 : this.buf.lastIndexOf(RS);
    const marker = rs !== -1 && this.buf.length - rs < p.nonce.length + 16;
    let safe = marker ? Math.max(0, rs - 2) : this.buf.length;
    if (!marker && this.buf[safe - 1] === 0x0d) safe--;
    else if (!marker && this.buf[safe - 1] === 0x0a) safe -= this.buf[safe - 2] === 0x0d ? 2 : 1;
    if (safe > 0) {
      this.emit(p, this.buf.subarray(0, safe));
      this.buf = this.buf.subarray(safe);
    }
  }

  private emit(p: Pending, data: Buffer): void {
    if (!data.length) return;
    p.total += data.length;
    if (p.keptBytes < p.cap) {
      // Chunks from the PTY are fresh buffers, never reused: keep views, not copies.
      const part = data.subarray(0, p.cap - p.keptBytes);
      p.kept.push(part);
      p.keptBytes += part.length;
    }
    p.onData(data);
  }

  /** Drops output nobody asked for (a session's background jobs between two commands). */
  discard(): void {
    this.buf = Buffer.alloc(0);
  }

  /** Ends the wait without a marker (the process ended): emits what was held back, resolves with `exitCode`. */
  finish(exitCode: number): void {
    const p = this.pending;
    if (!p) return;
    this.emit(p, this.buf);
    this.buf = Buffer.alloc(0);
    this.pending = null;
    p.resolve({ exitCode, output: Buffer.concat(p.kept), outputBytes: p.total, truncated: p.total > p.keptBytes, marker: false });
  }

  /** Fails the waiting command (the shell ended or never started). */
  fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }
}

export interface MarkerMatch {
  exitCode: number;
  /** Output before the marker (without the newline the marker line added). */
  before: Buffer;
  /** Bytes after the marker line (normally empty). */
  after: Buffer;
}

/** Finds `\x1e<nonce> <code>\x1e` in the buffer (pure); null until the whole marker arrived. */
export function findMarker(buf: Buffer, nonce: string): MarkerMatch | null {
  const head = Buffer.from(`\x1e${nonce} `);
  const at = buf.indexOf(head);
  if (at === -1) return null;
  const close = buf.indexOf(0x1e, at + head.length);
  if (close === -1) return null;
  const code = Number(buf.subarray(at + head.length, close).toString('latin1'));
  let start = at;
  if (buf[start - 1] === 0x0a) start--;
  if (buf[start - 1] === 0x0d) start--;
  let end = close + 1;
  if (buf[end] === 0x0d) end++;
  if (buf[end] === 0x0a) end++;
  return { exitCode: Number.isInteger(code) ? code : 1, before: buf.subarray(0, start), after: buf.subarray(end) };
}
