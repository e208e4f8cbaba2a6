// The environment a sandboxed command sees: a small allowlist of harmless variables, plus what the
// profile names in sandbox.envAllow. Anything that looks like a secret stays out unless named exactly.

/** Variables every sandbox gets when the host has them (the locale, terminal and identity basics). */
export const BASE_ENV_ALLOW = ['PATH', 'LANG', 'LANGUAGE', 'LC_*', 'TERM', 'COLORTERM', 'TZ', 'USER', 'LOGNAME', 'SHELL', 'EDITOR', 'PAGER'];

// SECURITY: credentials in the environment (cloud keys, API tokens, DB passwords) must not reach a command
// the agent runs, even when a broad envAllow entry such as "GIT_*" would match them.
const SECRET_NAME = /(_TOKEN|_KEY|_SECRET|_SECRETS|PASSWORD|PASSWD|_PASS|_PWD|CREDENTIALS?|_AUTH|_COOKIE|_SESSION)$|^(AWS_|AZURE_|GOOGLE_APPLICATION|GCP_|GH_|GITHUB_TOKEN|NPM_TOKEN|SSH_AUTH_SOCK|SSH_AGENT_PID|GPG_AGENT_INFO|KUBECONFIG|DOCKER_HOST|VAULT_)|PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|APIKEY/i;

/** True for names that look like they hold a secret. */
export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

export interface SandboxEnvInput {
  host: Readonly<Record<string, string | undefined>>;
  /** profile.sandbox.envAllow: names (or prefixes ending in *) passed beyond the base list. */
  envAllow: readonly string[];
  /** HOME inside the sandbox (an empty private tmpfs at the caller's home path). */
  home: string;
  /** TERM to use when the host has none (the PTY is always a terminal). */
  defaultTerm?: string;
}

/** Builds the sandbox environment (pure). A secret-looking name passes only when envAllow names it exactly. */
export function buildSandboxEnv(input: SandboxEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.host)) {
    if (value === undefined) continue;
    const base = BASE_ENV_ALLOW.some((p) => matches(p, name));
    const extra = input.envAllow.some((p) => matches(p, name));
    if (!base && !extra) continue;
    if (looksSecret(name) && !input.envAllow.includes(name)) continue;
    env[name] = value;
  }
  env.HOME = input.home;
  env.TERM = env.TERM && env.TERM !== 'dumb' ? env.TERM : (input.defaultTerm ?? 'xterm-256color');
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  return env;
}
