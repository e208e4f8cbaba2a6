// blockedDomains for the browser tool (and any tool whose input is a URL). The WHATWG URL parser
// takes care of userinfo (`https://bank.com@evil.com` is evil.com), case, IDNA (punycode) and numeric
// IP spellings; a trailing dot is removed so `bank.com.` is bank.com.
import type { RuleMatch } from './types.js';

function hostOf(input: string): string | undefined {
  const trimmed = input.trim();
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    return url.hostname.replace(/\.+$/, '').toLowerCase();
  } catch {
    return undefined;
  }
}

function normalizeDomain(pattern: string): { wildcard: boolean; host: string | undefined } {
  const wildcard = pattern.startsWith('*.');
  return { wildcard, host: hostOf(wildcard ? pattern.slice(2) : pattern) };
}

/** The rules a URL triggers: blocked for a blocked host or for input that is not a URL at all. */
export function domainRules(input: string, blockedDomains: string[], keyBase: string): RuleMatch[] {
  const host = hostOf(input);
  if (host === undefined || host === '') {
    // SECURITY: a URL we cannot parse cannot be checked against blockedDomains.
    return [{ key: 'builtin.unparseable', decision: 'blocked', detail: `${JSON.stringify(input)} is not a URL that can be checked` }];
  }
  const rules: RuleMatch[] = [];
  blockedDomains.forEach((pattern, i) => {
    const { wildcard, host: domain } = normalizeDomain(pattern);
    if (domain === undefined) return;
    const hit = wildcard ? host.endsWith(`.${domain}`) : host === domain;
    if (hit) rules.push({ key: `${keyBase}.blockedDomains[${i}]`, decision: 'blocked', detail: `host ${host} matches blocked domain ${JSON.stringify(pattern)}` });
  });
  return rules;
}
