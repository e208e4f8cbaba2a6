// Who may talk to the approval page: only this machine, only by the right host name (DNS
// rebinding), only from the page itself (CSRF), and only with the session's random token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GuardResult = { ok: true } | { ok: false; status: 401 | 403; error: string };

/** The host names the page answers to on `port`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  // SECURITY: constant-time compare, so the token cannot be guessed byte by byte from response times.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from the X-Argent-Token header, else the ?token= query (EventSource and the page URL). */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-argent-token'];
  if (typeof header === 'string') return header;
  return url.searchParams.get('token') ?? undefined;
}

/** Checks Host, Origin/Sec-Fetch-Site and the token, in that order. */
export function guard(req: IncomingMessage, url: URL, port: number, token: string): GuardResult {
  const hosts = allowedHosts(port);
  // SECURITY: DNS rebinding: evil.example resolving to 127.0.0.1 still sends Host: evil.example.
  if (!hosts.includes(req.headers.host ?? '')) return { ok: false, status: 403, error: 'foreign Host header' };
  const origin = req.headers.origin;
  // SECURITY: CSRF: another site's page can send requests here, but its Origin says where it is from.
  if (origin !== undefined && !hosts.map((h) => `http://${h}`).includes(origin)) return { ok: false, status: 403, error: 'foreign Origin header' };
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return { ok: false, status: 403, error: `cross-site request (${site})` };
  if (!tokenMatches(requestToken(req, url), token)) return { ok: false, status: 401, error: 'missing or wrong token' };
  return { ok: true };
}
