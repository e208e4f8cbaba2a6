// Destructive operations: what the `sandboxed` mode asks approval for. Kept as data, documented in the
// README: removing, overwriting or truncating files, permission and ownership changes, history-rewriting
// git commands, and signals to other processes.
import { UNKNOWN } from '../parse/words.js';
import { own } from '../util/own.js';
import { programFamilies, type NormalizedCommand } from './normalize.js';

export interface DestructiveRule {
  /** Stable id, shown as the rule key `builtin.destructive.<id>`. */
  id: string;
  programs: string[];
  /** Subcommand (first operand) required, e.g. git "reset". */
  subcommand?: string[];
  /** At least one of these canonical flags required (any when absent). */
  anyFlag?: string[];
  /** Not when one of these flags is present (a dry run, a listing). */
  unlessFlag?: string[];
  /** Instead of a flag: an operand starting with one of these (git push +refspec). */
  anyOperandPrefix?: string[];
  /** Instead of a flag: an operand matching this (awk's program text `@include "inplace"`). */
  anyOperandMatch?: RegExp;
  /** anyOperandMatch looks at this operand only (awk's program is its first). */
  operandIndex?: number;
  /** At least this many operands after the subcommand (`git checkout REF PATH`). */
  minOperands?: number;
  /** An operand after `--`: paths (`git checkout -- src`). */
  operandAfterDashDash?: boolean;
  reason: string;
}

export const destructiveRules: DestructiveRule[] = [
  { id: 'remove', programs: ['rm', 'rmdir', 'unlink', 'shred', 'wipe', 'srm'], reason: 'removes files' },
  { id: 'format', programs: ['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'fdisk', 'sfdisk', 'parted', 'gdisk'], reason: 'formats or repartitions a disk' },
  { id: 'truncate', programs: ['truncate', 'fallocate'], reason: 'truncates or resizes files' },
  { id: 'raw-copy', programs: ['dd'], reason: 'writes raw blocks (dd)' },
  { id: 'move', programs: ['mv'], reason: 'moves files (removes the source, may overwrite the target)' },
  { id: 'force-link', programs: ['ln'], anyFlag: ['f'], reason: 'replaces existing files with links (ln -f)' },
  { id: 'in-place-edit', programs: ['sed'], anyFlag: ['i'], reason: 'edits files in place (sed -i)' },
  { id: 'in-place-edit-perl', programs: ['perl', 'ruby'], anyFlag: ['i'], reason: 'edits files in place (perl -i, ruby -i)' },
  { id: 'in-place-edit-yq', programs: ['yq'], anyFlag: ['i', 'inplace'], reason: 'edits files in place (yq -i)' },
  { id: 'in-place-edit-sd', programs: ['sd'], unlessFlag: ['p', 'preview'], reason: 'edits files in place (sd)' },
  // gawk -i loads a library: `-i inplace` (or any library, which may @include it) rewrites its input files.
  { id: 'in-place-edit-awk', programs: ['awk', 'gawk'], anyFlag: ['i', 'include'], reason: 'edits files in place (gawk -i inplace)' },
  { id: 'in-place-edit-awk-include', programs: ['awk', 'gawk'], anyOperandMatch: /@include\s*["']?inplace/, operandIndex: 0, reason: 'edits files in place (gawk @include "inplace")' },
  // Line editors run editing commands from a script or stdin, and `w`/`x` writes the result back.
  { id: 'scripted-editor', programs: ['ed', 'red', 'ex'], reason: 'rewrites files with editor commands (ed, ex)' },
  { id: 'scripted-vi', programs: ['vi', 'vim', 'nvim', 'gvim', 'view', 'vimdiff'], anyFlag: ['c', 'e', 'E', 's', 'S', 'cmd'], reason: 'rewrites files with editor commands (vim -c / -es)' },
  { id: 'scripted-vi-plus', programs: ['vi', 'vim', 'nvim', 'gvim', 'view', 'vimdiff'], anyOperandPrefix: ['+'], reason: 'rewrites files with editor commands (vim +cmd)' },
  { id: 'find-delete', programs: ['find'], anyFlag: ['delete'], reason: 'deletes the files it finds (find -delete)' },
  {
    id: 'sync-delete',
    programs: ['rsync'],
    anyFlag: ['delete', 'delete-before', 'delete-after', 'delete-during', 'delete-delay', 'delete-excluded', 'delete-missing-args', 'del', 'remove-source-files', 'remove-sent-files'],
    reason: 'deletes files (rsync --delete)',
  },
  // Archivers and compressors told to delete what they packed.
  { id: 'archive-remove', programs: ['tar', 'gtar', 'bsdtar'], anyFlag: ['remove-files'], reason: 'deletes the files it archives (tar --remove-files)' },
  { id: 'archive-move', programs: ['zip'], anyFlag: ['m', 'move', 'd', 'delete'], reason: 'deletes the files it zips, or entries of the archive (zip -m / -d)' },
  { id: 'compress-remove', programs: ['zstd', 'lz4', 'unzstd'], anyFlag: ['rm'], reason: 'deletes its input files (--rm)' },
  { id: 'trash-empty', programs: ['trash-empty', 'trash-rm'], reason: 'deletes trashed files for good' },
  { id: 'gio-remove', programs: ['gio'], subcommand: ['remove'], reason: 'removes files (gio remove)' },
  { id: 'permissions', programs: ['chmod', 'chown', 'chgrp', 'chattr', 'setfacl', 'chacl', 'chcon'], reason: 'changes permissions or ownership' },
  { id: 'capabilities', programs: ['setcap'], unlessFlag: ['v'], reason: 'grants file capabilities (setcap)' },
  { id: 'git-reset-hard', programs: ['git'], subcommand: ['reset'], anyFlag: ['hard', 'merge', 'keep'], reason: 'discards work (git reset --hard)' },
  { id: 'git-clean', programs: ['git'], subcommand: ['clean'], anyFlag: ['f', 'force'], unlessFlag: ['n', 'dry-run'], reason: 'deletes untracked files (git clean)' },
  { id: 'git-force-push', programs: ['git'], subcommand: ['push'], anyFlag: ['f', 'force-with-lease', 'force-if-includes', 'mirror', 'delete', 'd'], reason: 'rewrites remote history (git push --force)' },
  { id: 'git-force-push-refspec', programs: ['git'], subcommand: ['push'], anyOperandPrefix: ['+', ':'], reason: 'rewrites or deletes remote refs (git push +ref / :ref)' },
  // --staged alone only unstages (like git reset HEAD FILE); the working tree is left as it is.
  { id: 'git-restore', programs: ['git'], subcommand: ['restore'], unlessFlag: ['staged', 'S'], reason: 'discards local changes (git restore)' },
  { id: 'git-restore-worktree', programs: ['git'], subcommand: ['restore'], anyFlag: ['worktree', 'W'], reason: 'discards local changes (git restore --worktree)' },
  { id: 'git-checkout-paths', programs: ['git'], subcommand: ['checkout'], anyOperandPrefix: ['.'], reason: 'discards local changes (git checkout .)' },
  { id: 'git-checkout-dash-dash', programs: ['git'], subcommand: ['checkout'], operandAfterDashDash: true, reason: 'discards local changes (git checkout -- path)' },
  // `git checkout REF PATH...` overwrites PATH from REF; -b/--orphan make a branch from a start point instead.
  { id: 'git-checkout-ref-paths', programs: ['git'], subcommand: ['checkout'], minOperands: 2, unlessFlag: ['b', 'orphan'], reason: 'discards local changes (git checkout REF -- path)' },
  { id: 'git-rm', programs: ['git'], subcommand: ['rm'], unlessFlag: ['cached', 'n', 'dry-run'], reason: 'removes working-tree files (git rm)' },
  { id: 'git-ref-rewrite', programs: ['git'], subcommand: ['update-ref', 'filter-branch', 'filter-repo', 'replace'], reason: 'moves, deletes or rewrites refs and history' },
  { id: 'git-mv-force', programs: ['git'], subcommand: ['mv'], anyFlag: ['f'], reason: 'overwrites files (git mv -f)' },
  { id: 'git-worktree-remove', programs: ['git'], subcommand: ['worktree'], anyOperandMatch: /^(remove|prune)$/, reason: 'deletes a worktree' },
  { id: 'git-submodule-deinit', programs: ['git'], subcommand: ['submodule'], anyOperandMatch: /^deinit$/, reason: "deletes a submodule's working tree" },
  { id: 'git-lfs-prune', programs: ['git'], subcommand: ['lfs'], anyOperandMatch: /^prune$/, reason: 'deletes local LFS objects' },
  { id: 'git-reflog-expire', programs: ['git'], subcommand: ['reflog'], anyOperandPrefix: ['expire', 'delete'], reason: 'destroys reflog recovery points' },
  { id: 'git-prune', programs: ['git'], subcommand: ['prune'], unlessFlag: ['n', 'dry-run'], reason: 'deletes unreachable objects (git prune)' },
  { id: 'git-gc-prune', programs: ['git'], subcommand: ['gc'], anyFlag: ['prune'], reason: 'deletes unreachable objects now (git gc --prune)' },
  { id: 'git-checkout-force', programs: ['git'], subcommand: ['checkout', 'switch'], anyFlag: ['f', 'force', 'discard-changes'], reason: 'discards local changes (git checkout -f)' },
  { id: 'git-stash-drop', programs: ['git'], subcommand: ['stash'], anyOperandPrefix: ['drop', 'clear'], reason: 'deletes stashed work' },
  { id: 'git-branch-delete', programs: ['git'], subcommand: ['branch', 'tag'], anyFlag: ['D', 'd', 'delete', 'f'], reason: 'deletes or force-moves branches or tags (-d, -f)' },
  { id: 'signal', programs: ['kill', 'pkill', 'killall', 'skill'], unlessFlag: ['l', 'L', 'list', 'table'], reason: 'sends signals to processes' },
  { id: 'crontab', programs: ['crontab'], unlessFlag: ['l'], reason: 'replaces or removes the crontab (code that runs later)' },
  { id: 'schedule', programs: ['at', 'batch'], unlessFlag: ['l'], reason: 'schedules commands to run later' },
  { id: 'power', programs: ['shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit'], reason: 'stops or restarts the machine' },
  { id: 'services', programs: ['systemctl', 'service'], anyOperandPrefix: ['stop', 'disable', 'mask', 'kill', 'poweroff', 'reboot', 'halt', 'isolate', 'restart', 'daemon-reexec'], reason: 'stops or changes system services' },
  { id: 'firewall', programs: ['iptables', 'ip6tables', 'nft', 'ufw'], reason: 'changes the firewall' },
  { id: 'users', programs: ['userdel', 'usermod', 'passwd', 'chpasswd', 'groupdel', 'deluser'], reason: 'changes user accounts' },
];

/** The destructive rules a normalized command triggers (program basenames like mkfs.ext4 match mkfs). */
export function destructiveMatches(cmd: NormalizedCommand): DestructiveRule[] {
  // Loop values known: destructive if any combination is.
  if (cmd.variants && cmd.variants.length > 0) {
    return [...new Set(cmd.variants.flatMap((v) => destructiveMatches({ ...v, variants: undefined })))];
  }
  const base = (own(programFamilies, cmd.program) ?? cmd.program).split('.')[0]!;
  return destructiveRules.filter((rule) => {
    if (!rule.programs.includes(cmd.program) && !rule.programs.includes(base)) return false;
    const operands = rule.subcommand ? cmd.operands.slice(1) : cmd.operands;
    if (rule.subcommand && !rule.subcommand.includes(cmd.operands[0] ?? '')) return false;
    // SECURITY: an unknown argument ($FLAGS, $(..)) may be exactly the flag or operand that makes it
    // destructive. Where only a flag would, an argument that cannot be or split into one (x="$y",
    // s/a/$b/) does not count: `awk -v day="$d" -f cal.awk` is no gawk -i inplace.
    // Likewise where only an operand's text would: only an operand with an unknown part counts.
    const flagOnly = rule.anyFlag !== undefined && !rule.anyOperandPrefix && !rule.anyOperandMatch && rule.minOperands === undefined && !rule.operandAfterDashDash;
    const textOnly = rule.anyOperandMatch !== undefined && !rule.anyFlag && !rule.anyOperandPrefix && rule.minOperands === undefined && !rule.operandAfterDashDash;
    const looked = rule.operandIndex === undefined ? operands : operands.slice(rule.operandIndex, rule.operandIndex + 1);
    const mayMatch = flagOnly ? cmd.dynamicMayBeFlag : textOnly ? cmd.dynamicMayBeFlag || looked.some((o) => o.includes(UNKNOWN)) : true;
    if (cmd.hasDynamicArgs && mayMatch) return true;
    if (rule.anyFlag && !rule.anyFlag.some((f) => cmd.flags.has(f))) return false;
    if (rule.unlessFlag && rule.unlessFlag.some((f) => cmd.flags.has(f))) return false;
    if (rule.anyOperandPrefix && !operands.some((o) => rule.anyOperandPrefix!.some((p) => o.startsWith(p)))) return false;
    if (rule.anyOperandMatch && !looked.some((o) => rule.anyOperandMatch!.test(o))) return false;
    if (rule.minOperands !== undefined && operands.length < rule.minOperands) return false;
    if (rule.operandAfterDashDash && !(cmd.dashDash !== undefined && cmd.dashDash < cmd.operands.length)) return false;
    return true;
  });
}
