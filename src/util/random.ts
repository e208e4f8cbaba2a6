// Random identifiers (session, command and launch ids, marker nonces) read from the kernel's CSPRNG.
// Why not node:crypto's randomBytes: loading `crypto` costs ~3-5 ms of every one-shot start (issue 3),
// and /dev/urandom is the same source. Where it cannot be read, node:crypto is the fallback.
import { closeSync, openSync, readSync } from 'node:fs';

function fromKernel(n: number): Buffer {
  const out = Buffer.alloc(n);
  const fd = openSync('/dev/urandom', 'r');
  try {
    for (let got = 0; got < n; ) {
      const r = readSync(fd, out, got, n - got, null);
      if (r <= 0) throw new Error('short read from /dev/urandom');
      got += r;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

/** `n` cryptographically random bytes. */
export function randomBytes(n: number): Buffer {
  try {
    return fromKernel(n);
  } catch {
    return process.getBuiltinModule('node:crypto').randomBytes(n);
  }
}
