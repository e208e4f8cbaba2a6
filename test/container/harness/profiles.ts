// The profiles the container suite runs argent-run with. Each one switches the static layer to
// "allowed" with no blockedPatterns, so whatever is contained is contained by the OS layer
// (bubblewrap + rlimits), and sets only the limit its test is about.

/** Static layer out of the way: every command is allowed and runs in the sandbox. */
function allowAll(description: string, limits: Record<string, number> = {}, allowedPaths?: string[]) {
  return {
    description,
    security: { mode: 'unrestricted' },
    toolPolicies: { exec: allowedPaths === undefined ? { mode: 'allowed' } : { mode: 'allowed', allowedPaths } },
    sandbox: { isolation: 'bwrap', network: 'none', limits: { timeoutSeconds: 30, ...limits } },
  };
}

/** argent-run's process limit for the fork bombs (the container allows 2048). */
export const BOMB_PROCESSES = 64;
/** Wall-clock limit that ends each bomb: they never end on their own. */
export const BOMB_TIMEOUT_SEC = 5;
export const MEMORY_MB = 256;
export const FILE_SIZE_MB = 8;

export const profiles = {
  /** No static rule at all: the OS layer alone must refuse /dev writes. */
  os: allowAll('container suite: static layer allows everything; only the OS layer protects'),
  bomb: allowAll('container suite: fork bombs', { processes: BOMB_PROCESSES, timeoutSeconds: BOMB_TIMEOUT_SEC }),
  memory: allowAll('container suite: memory bomb', { memoryMb: MEMORY_MB }),
  disk: allowAll('container suite: disk fill', { fileSizeMb: FILE_SIZE_MB }),
  /** Writable: the working root only; the static layer cannot see into scripts, so the OS layer must hold. */
  confined: allowAll('container suite: writes confined to the working root', {}, ['${WORKDIR}']),
};

export type ProfileName = keyof typeof profiles;
