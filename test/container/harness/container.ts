// A throwaway container to attack argent-run in. Its own limits (pids, memory) are set well above
// argent-run's, so a contained bomb proves argent-run's protection, not Docker's. bwrap needs
// seccomp=unconfined and an unmasked /proc (`--security-opt systempaths=unconfined` on the CLI):
// through the API that is MaskedPaths=[] and ReadonlyPaths=[], hence the subclass.
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { SUITE_LABEL } from './image.js';

export const WORKDIR = '/home/argent/work';
export const PROFILE_DIR = '/etc/argent-test';
/** The container's pids limit: far above any profile's `processes` used by the suite. */
export const CONTAINER_PIDS_LIMIT = 2048;
/** The container's memory limit: far above any profile's `memoryMb` used by the suite. */
export const CONTAINER_MEMORY_MB = 2048;

export interface HostOptions {
  image: string;
  runId: string;
  /** Profiles (name -> JSON) copied to /etc/argent-test/<name>.json, root-owned and read-only for argent. */
  profiles?: Record<string, unknown>;
  /** Files (path relative to the working root -> content) owned by argent. */
  files?: Record<string, string>;
  /** Leave Docker's masked /proc paths in place (the health check must then fail). Default false. */
  maskedProc?: boolean;
  /** CPUs for the container; bombs get one so the rest of the suite keeps a core. */
  cpus?: number;
  /**
   * Run the image's own HEALTHCHECK at this interval, and start() only once it reports healthy. The
   * container then keeps the image's user (argent), as a user's container would: the health check runs as it.
   */
  healthIntervalMs?: number;
}

class SandboxHostContainer extends GenericContainer {
  constructor(options: HostOptions) {
    super(options.image);
    // docker-init as pid 1 reaps orphans (a zombie would otherwise count as a process); the idle
    // process runs as root so that every process of `argent` in the container is one a test started.
    this.withEntrypoint(['sleep']).withCommand(['infinity']).withLabels({ [SUITE_LABEL]: options.runId });
    if (options.healthIntervalMs === undefined) this.withUser('root');
    this.hostConfig.Init = true;
    this.hostConfig.SecurityOpt = ['seccomp=unconfined', 'apparmor=unconfined'];
    if (!options.maskedProc) {
      this.hostConfig.MaskedPaths = [];
      this.hostConfig.ReadonlyPaths = [];
    }
    this.hostConfig.PidsLimit = CONTAINER_PIDS_LIMIT;
    this.hostConfig.Memory = CONTAINER_MEMORY_MB * 1024 * 1024;
    this.hostConfig.MemorySwap = CONTAINER_MEMORY_MB * 1024 * 1024;
    if (options.cpus !== undefined) this.hostConfig.NanoCpus = Math.round(options.cpus * 1e9);
    if (options.healthIntervalMs !== undefined) {
      // No Test: Docker keeps the image's HEALTHCHECK command and takes only the timing from here.
      const ns = options.healthIntervalMs * 1e6;
      this.createOpts.Healthcheck = { Interval: ns, Timeout: 15_000 * 1e6, Retries: 1, StartPeriod: 0 };
      this.withWaitStrategy(Wait.forHealthCheck()).withStartupTimeout(30_000);
    }
    const copies = [
      ...Object.entries(options.profiles ?? {}).map(([name, profile]) => ({
        content: `${JSON.stringify(profile, null, 2)}\n`,
        target: `${PROFILE_DIR}/${name}.json`,
        mode: 0o644,
      })),
      ...Object.entries(options.files ?? {}).map(([path, content]) => ({ content, target: `${WORKDIR}/${path}`, mode: 0o644 })),
    ];
    if (copies.length > 0) this.withCopyContentToContainer(copies);
  }
}

export interface Ran {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for messages. */
  output: string;
  ms: number;
}

export interface ArgentRunOptions {
  /** A profile name from HostOptions.profiles; absent: argent-run's own default (the shipped "sandboxed"). */
  profile?: string;
  timeoutSec?: number;
}

/** A started container plus the probes the tests read it with, all from outside the sandbox. */
export class SandboxHost {
  constructor(readonly container: StartedTestContainer) {}

  /** Runs a command in the container (not in argent-run's sandbox) as `argent` or root. */
  async exec(command: string[], user: 'argent' | 'root' = 'argent'): Promise<Ran> {
    const start = performance.now();
    const res = await this.container.exec(command, { user, workingDir: WORKDIR });
    return { exitCode: res.exitCode, stdout: res.stdout, stderr: res.stderr, output: res.output, ms: performance.now() - start };
  }

  /** `sh -c SCRIPT` in the container, outside the sandbox. */
  sh(script: string, user: 'argent' | 'root' = 'argent'): Promise<Ran> {
    return this.exec(['sh', '-c', script], user);
  }

  /** `argent-run [--profile P] --workdir WORKDIR [--timeout S] -c COMMAND` as the unprivileged user. */
  argentRun(command: string, options: ArgentRunOptions = {}): Promise<Ran> {
    const args = ['argent-run'];
    if (options.profile !== undefined) args.push('--profile', `${PROFILE_DIR}/${options.profile}.json`);
    args.push('--workdir', WORKDIR);
    if (options.timeoutSec !== undefined) args.push('--timeout', String(options.timeoutSec));
    args.push('-c', command);
    return this.exec(args);
  }

  /** Processes of uid argent in the whole container (the sandbox's included), as `pid comm` lines. */
  async argentProcesses(): Promise<string[]> {
    const res = await this.exec(['ps', '-u', 'argent', '-o', 'pid=,comm='], 'root');
    return res.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  }

  /** How long the container takes to run a trivial command for the same user: its responsiveness. */
  async latencyMs(): Promise<number> {
    const res = await this.exec(['true']);
    if (res.exitCode !== 0) throw new Error(`\`true\` failed in the container: ${res.output}`);
    return res.ms;
  }

  /** Drops a marker file; changedSince() then lists every file written after it. */
  async mark(): Promise<void> {
    await this.sh('touch /var/tmp/.argent-marker && sleep 0.05', 'root');
  }

  /**
   * Every file or directory modified after mark(), anywhere in the container (root, /dev, /dev/shm,
   * /tmp), read as root from outside the sandbox. Left out: argent-run's audit log (~/.local/state)
   * and the home folder's own entry, which changes when that log's folder is first created.
   */
  async changedSince(): Promise<string[]> {
    const script =
      "find / /dev /dev/shm -xdev \\( -path /proc -o -path /sys -o -path /home/argent/.local \\) -prune " +
      '-o -newer /var/tmp/.argent-marker -print 2>/dev/null | sort -u';
    const res = await this.sh(script, 'root');
    return res.stdout.split('\n').filter((p) => p !== '' && p !== '/home/argent');
  }

  /** Which of these paths exist in the container (checked as root, outside the sandbox). */
  async existing(paths: string[]): Promise<string[]> {
    const res = await this.exec(['sh', '-c', 'for p; do [ -e "$p" ] || [ -L "$p" ] && echo "$p"; done; true', 'sh', ...paths], 'root');
    return res.stdout.split('\n').filter(Boolean);
  }

  async stop(): Promise<void> {
    await this.container.stop({ timeout: 1 });
  }
}

/** Starts a fresh container from the test image; files given in `options.files` are owned by argent. */
export async function startHost(options: HostOptions): Promise<SandboxHost> {
  const container = await new SandboxHostContainer(options).start();
  const host = new SandboxHost(container);
  const own = await host.exec(['chown', '-R', 'argent:argent', WORKDIR], 'root');
  if (own.exitCode !== 0) throw new Error(`chown of the working root failed: ${own.output}`);
  return host;
}
