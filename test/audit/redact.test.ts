import { describe, expect, it } from 'vitest';
import { redact, redactString } from '../../src/audit/redact.js';
import { REDACTED_COMMAND, SECRET_COMMAND } from './fixtures/events.js';

describe('redactString', () => {
  it('redacts headers, URL credentials, --password=, env assignments, AWS keys, GitHub tokens and JWTs in one command', () => {
    expect(redactString(SECRET_COMMAND)).toBe(REDACTED_COMMAND);
  });

  it('redacts a secret flag given as a separate word, quoted or not', () => {
    expect(redactString('mysql --password hunter2 -u root')).toBe('mysql --password [REDACTED] -u root');
    expect(redactString(`tool --api-key "a b c" --token='x y' next`)).toBe('tool --api-key [REDACTED] --token=[REDACTED] next');
  });

  it('redacts tokens of other services and PEM private keys', () => {
    expect(redactString('echo xoxb-1234567890-abcdefghij sk-ant-api03-abcdefghijklmnopqrstuvwx glpat-abcdefghijklmnopqrstu')).toBe(
      'echo [REDACTED] [REDACTED] [REDACTED]',
    );
    expect(redactString('k=-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- done')).toBe('k=[REDACTED] done');
  });

  it('leaves ordinary commands, paths and revisions alone', () => {
    const plain = 'git commit -m "fix auth flow" && rm -r /work/x/build && echo abc123def456';
    expect(redactString('ls -la /tmp && git log --author=bob')).toBe('ls -la /tmp && git log --author=bob');
    expect(redactString('rm -r /work/x/build && echo abc123def456')).toBe('rm -r /work/x/build && echo abc123def456');
    expect(redactString(plain)).toBe(plain);
  });
});

describe('redact', () => {
  it('drops the value of every secret-named key (environment) and scans every other string, without mutating the input', () => {
    const input = {
      session: 's1',
      env: { PATH: '/usr/bin', DB_PASSWORD: 'plain', GITHUB_TOKEN: 'x', HOME: '/root', NOTE: 'see https://u:p@h/' },
      argv: ['curl', '-u', 'x', 'https://u:pw@h/'],
      sessionId: 's1',
    };
    const copy = structuredClone(input);
    expect(redact(input)).toEqual({
      session: 's1',
      env: { PATH: '/usr/bin', DB_PASSWORD: '[REDACTED]', GITHUB_TOKEN: '[REDACTED]', HOME: '/root', NOTE: 'see https://u:[REDACTED]@h/' },
      argv: ['curl', '-u', 'x', 'https://u:[REDACTED]@h/'],
      sessionId: 's1',
    });
    expect(input).toEqual(copy);
  });
});
