// Splits the session PTY's byte stream into per-command output: streams each chunk to the caller as it
// comes, holds back only what could be the start of the end marker, and resolves when the marker with
// this command's nonce arrives. Output with a wrong or missing nonce is just output.
import { findMarker } from './protocol.js';

export interface MarkerResult {
  exitCode: number;
  output: Buffer;
  outputBytes: number;
  truncated: boolean;
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

/** One consumer at a time: the session runs its commands one after another. */
export class MarkerStream {
  private buf: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;

  /** Waits for `nonce`'s marker; output before it goes to onData and into the result (up to cap). */
  expect(nonce: string, cap: number, onData: (chunk: Buffer) => void): Promise<MarkerResult> {
    // Anything the shell printed between commands (a background job) is dropped, not blamed on this one.
    this.buf = Buffer.alloc(0);
    return new Promise((resolve, reject) => {
      this.pending = { nonce, cap, onData, resolve, reject, kept: [], keptBytes: 0, total: 0 };
    });
  }

  push(chunk: Buffer): void {
    const p = this.pending;
    if (!p) return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const m = findMarker(this.buf, p.nonce);
    if (m) {
      this.emit(p, m.before);
      this.pending = null;
      this.buf = Buffer.alloc(0);
      p.resolve({ exitCode: m.exitCode, output: Buffer.concat(p.kept), outputBytes: p.total, truncated: p.total > p.keptBytes });
      return;
    }
    // Emit everything up to a possible marker start (RS, less the CR LF the marker line adds before it).
    const rs = this.buf.lastIndexOf(RS);
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
      const part = data.subarray(0, p.cap - p.keptBytes);
      p.kept.push(Buffer.from(part));
      p.keptBytes += part.length;
    }
    p.onData(Buffer.from(data));
  }

  /** Fails the waiting command (the shell ended or never started). */
  fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }
}
