// `--approver web`: the shared approval page when `argent approvals serve` is running, else a page of
// the session's own. Either way the same semantics (one outcome per request, timeout rejects).
import type { Approver } from '../types.js';
import { createWebApprover, type WebApproverOptions } from '../web/server.js';
import { connectSharedApprover } from './client.js';
import { sharedSocketPath } from './paths.js';

export type OpenedWebApprover =
  | { shared: true; approver: Approver; socketPath: string }
  | { shared: false; approver: Approver; url: string };

export interface OpenWebOptions extends WebApproverOptions {
  /** Default: sharedSocketPath() ($XDG_RUNTIME_DIR/argent/approvals.sock). */
  socketPath?: string;
}

/** Connects to the shared page, or starts an own page and waits for its URL (print it once). */
export async function openWebApprover(options: OpenWebOptions = {}): Promise<OpenedWebApprover> {
  const { socketPath = sharedSocketPath(), port, historySize, ...brokerOptions } = options;
  const shared = await connectSharedApprover({ ...brokerOptions, socketPath });
  if (shared) return { shared: true, approver: shared, socketPath };
  const own = createWebApprover({ ...brokerOptions, ...(port !== undefined ? { port } : {}), ...(historySize !== undefined ? { historySize } : {}) });
  return { shared: false, approver: own, url: await own.ready };
}
