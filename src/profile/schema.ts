// The single source of truth for the profile/config file format. Types are inferred from it, the
// README's field reference and profiles/schema.json are generated from it (scripts/gen-schema.ts).
// The format is the seeds' (`security.mode`, `toolPolicies.<tool>`), plus the few fields users need
// beyond it. Every object is strict: an unknown key is an error, never silently ignored.
import { z } from 'zod';

export const securityModes = ['unrestricted', 'sandboxed', 'locked'] as const;
export const toolModes = ['allowed', 'approval-required', 'blocked'] as const;

const pathEntry = z
  .string()
  .min(1)
  .refine((p) => p.startsWith('/') || p === '~' || p.startsWith('~/') || p.startsWith('${WORKDIR}'), {
    message: 'must be absolute: start with "/", "~/" or "${WORKDIR}"',
  });

const toolPolicy = z
  .strictObject({
    mode: z
      .enum(toolModes)
      .optional()
      .describe('Overrides security.mode for this tool. Absent: the tool follows security.mode.'),
    blockedPatterns: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Commands matching any pattern are blocked without asking. Absent or empty: no pattern. ' +
          'Lists from `extends` are concatenated: a profile cannot drop a parent\'s pattern.',
      ),
    patternMatching: z
      .enum(['normalized', 'literal'])
      .optional()
      .describe(
        '"normalized" (default): a pattern matches what the shell would run, after quotes, escapes, paths, ' +
          'wrappers and flag spellings are normalized; data (quoted arguments, comments) does not match. ' +
          '"literal": the seeds\' exact rule, a substring of the raw command string.',
      ),
    allowedPaths: z
      .array(pathEntry)
      .optional()
      .describe(
        'Every path a command reads, writes or changes into must lie inside one of these (by path segment). ' +
          'Entries may start with "~/" or "${WORKDIR}" (the working root). Absent: paths are not restricted. ' +
          'Empty: no path is allowed. A child profile\'s list replaces its parent\'s.',
      ),
    blockedDomains: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Hosts this tool may not open; "*.example.com" matches every subdomain (not example.com itself). ' +
          'Absent or empty: no domain is blocked. Lists from `extends` are concatenated.',
      ),
  })
  .describe('Policy for one tool (exec, browser, memory_store, memory_recall, or any other tool name).');

const limits = z
  .strictObject({
    processes: z.number().int().min(1).max(100_000).optional().describe('RLIMIT_NPROC inside the sandbox (fork bombs). Default 256.'),
    memoryMb: z.number().int().min(16).max(1_048_576).optional().describe('RLIMIT_AS in MiB (memory bombs). Default 4096.'),
    fileSizeMb: z.number().int().min(1).max(1_048_576).optional().describe('RLIMIT_FSIZE in MiB (disk fills). Default 1024.'),
    cpuSeconds: z.number().int().min(1).max(86_400).optional().describe('RLIMIT_CPU in seconds. Default 600.'),
    openFiles: z.number().int().min(16).max(1_048_576).optional().describe('RLIMIT_NOFILE. Default 1024.'),
    timeoutSeconds: z.number().int().min(1).max(86_400).optional().describe('Wall-clock limit per command; the process tree is killed after it (exit 124). Default 600.'),
  })
  .describe('Resource limits applied to every command. Absent fields take the documented defaults.');

const sandbox = z
  .strictObject({
    isolation: z
      .enum(['bwrap', 'none'])
      .optional()
      .describe('"bwrap" (default): bubblewrap namespaces. "none": only allowed with security.mode "unrestricted"; still a PTY, limits and audit.'),
    network: z.enum(['none', 'host']).optional().describe('"none" (default): a new, empty network namespace. "host": the host network.'),
    envAllow: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\*?$/, 'must be a variable name, optionally ending in *'))
      .optional()
      .describe('Environment variables passed in beyond the base allowlist (PATH, HOME, LANG, TERM, ...). Names that look like secrets are dropped unless listed here.'),
    limits: limits.optional(),
  })
  .describe('How argent-run confines commands at the OS level.');

const security = z
  .strictObject({
    mode: z
      .enum(securityModes)
      .optional()
      .describe('"unrestricted": everything allowed. "sandboxed" (default): allowed, destructive operations need approval. "locked": exec and browser blocked.'),
    approvalTimeoutMs: z
      .number()
      .int()
      .min(1)
      .max(86_400_000)
      .optional()
      .describe('How long an approval may wait before it is rejected automatically. Default 300000 (5 minutes).'),
  })
  .describe('Global security posture.');

export const profileFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Editor hint; ignored.'),
    description: z.string().optional().describe('What this profile is for.'),
    extends: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe('Profiles this one builds on: a shipped profile name or a path (relative to this file). Later ones and this file win.'),
    security: security.optional(),
    toolPolicies: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'tool names are letters, digits, _ . -'), toolPolicy)
      .optional()
      .describe('Fine-grained policies per tool; they override security.mode for that tool. Absent: every tool follows security.mode.'),
    sandbox: sandbox.optional(),
  })
  .describe('An argent-run profile: the seeds\' config format plus extends, approval timeout and sandbox settings.');

export type ProfileFile = z.infer<typeof profileFileSchema>;
export type ToolPolicy = z.infer<typeof toolPolicy>;
export type SecurityMode = (typeof securityModes)[number];
export type ToolMode = (typeof toolModes)[number];
export type SandboxLimits = z.infer<typeof limits>;
