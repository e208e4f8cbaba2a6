import { describe, expect, test } from 'vitest';
import { buildSandboxEnv, looksSecret } from '../../src/sandbox/env.js';

const host = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/alice',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  TERM: 'xterm',
  USER: 'alice',
  GITHUB_TOKEN: 'ghp_x',
  AWS_ACCESS_KEY_ID: 'AKIA',
  OPENAI_API_KEY: 'sk',
  DB_PASSWORD: 'pw',
  MY_SECRET: 's',
  SSH_AUTH_SOCK: '/tmp/ssh/agent',
  EDITOR_THEME: 'dark',
  CI: 'true',
};

describe('buildSandboxEnv', () => {
  test('passes only the base allowlist and sets HOME to the sandbox home', () => {
    expect(buildSandboxEnv({ host, envAllow: [], home: '/home/alice' })).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/alice',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TERM: 'xterm',
      USER: 'alice',
    });
  });

  test('drops secret-looking names matched by a wildcard, but passes one the profile names exactly', () => {
    const env = buildSandboxEnv({ host, envAllow: ['CI', 'DB_*', 'OPENAI_API_KEY'], home: '/h' });
    expect(env.CI).toBe('true');
    expect(env.DB_PASSWORD).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBe('sk');
  });

  test('recognises the usual secret names', () => {
    for (const name of ['GITHUB_TOKEN', 'AWS_ACCESS_KEY_ID', 'OPENAI_API_KEY', 'DB_PASSWORD', 'MY_SECRET', 'SSH_AUTH_SOCK', 'PGPASSWORD']) expect(looksSecret(name), name).toBe(true);
    for (const name of ['PATH', 'LANG', 'TERM', 'CI', 'EDITOR']) expect(looksSecret(name), name).toBe(false);
  });
});
