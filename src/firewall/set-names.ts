// Kernel set names of a jail: `f2n-<jail>-v4`, `-v6` (addresses) and `-v4net`, `-v6net` (networks).
// Jail names are free text in fail2ban; a name that is not a plain identifier of a safe length gets a
// deterministic replacement (the usable characters plus a hash of the full name), so every jail maps to
// the same set names on every start and odd characters never reach a script.
import { createHash } from 'node:crypto';

export type SetKind = 'v4' | 'v6' | 'v4net' | 'v6net';

export const setKinds: readonly SetKind[] = ['v4', 'v6', 'v4net', 'v6net'];

export type JailSetNames = Readonly<Record<SetKind, string>>;

/** nft takes long names; 64 keeps listings readable. */
export const nftSetBaseMaxLength = 64;
/** ipset names have at most 31 characters: "f2n-" + base + "-v4net" + "-t" (the swap copy) fit. */
export const ipsetSetBaseMaxLength = 19;

const safeBase = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

export function jailSetBase(jail: string, maxLength: number): string {
  if (jail.length <= maxLength && safeBase.test(jail)) return jail;
  const hash = createHash('sha256').update(jail, 'utf8').digest('hex').slice(0, 8);
  const readable = jail
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^-+/, '')
    .slice(0, Math.max(0, maxLength - hash.length - 1));
  return readable === '' ? hash : `${readable}-${hash}`;
}

export function jailSetNames(jail: string, maxBaseLength: number): JailSetNames {
  const base = `f2n-${jailSetBase(jail, maxBaseLength)}`;
  return { v4: `${base}-v4`, v6: `${base}-v6`, v4net: `${base}-v4net`, v6net: `${base}-v6net` };
}

/** Whether a kernel set name follows this naming scheme (so a set of a removed jail may be deleted). */
export function isJailSetName(name: string): boolean {
  return /^f2n-[A-Za-z0-9_-]+-(v4|v6|v4net|v6net)$/.test(name);
}
