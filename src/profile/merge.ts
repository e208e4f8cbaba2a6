// Merging a profile onto what it extends. Deny lists (blockedPatterns, blockedDomains) accumulate, so
// extending a strict profile can only add denials; allowedPaths, an allow list, is replaced whole.
import type { ProfileFile, ToolPolicy } from './schema.js';

function mergeTool(base: ToolPolicy | undefined, over: ToolPolicy): ToolPolicy {
  if (!base) return { ...over };
  const out: ToolPolicy = { ...base, ...over };
  const concat = (a?: string[], b?: string[]) => (a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined);
  const patterns = concat(base.blockedPatterns, over.blockedPatterns);
  const domains = concat(base.blockedDomains, over.blockedDomains);
  if (patterns) out.blockedPatterns = patterns;
  if (domains) out.blockedDomains = domains;
  return out;
}

export function mergeProfiles(base: ProfileFile, over: ProfileFile): ProfileFile {
  const out: ProfileFile = {};
  const description = over.description ?? base.description;
  if (description !== undefined) out.description = description;
  if (base.security || over.security) out.security = { ...base.security, ...over.security };
  if (base.toolPolicies || over.toolPolicies) {
    const tools: Record<string, ToolPolicy> = { ...base.toolPolicies };
    for (const [name, policy] of Object.entries(over.toolPolicies ?? {})) tools[name] = mergeTool(tools[name], policy);
    out.toolPolicies = tools;
  }
  if (base.sandbox || over.sandbox) {
    out.sandbox = { ...base.sandbox, ...over.sandbox };
    if (base.sandbox?.limits || over.sandbox?.limits) out.sandbox.limits = { ...base.sandbox?.limits, ...over.sandbox?.limits };
  }
  return out;
}
