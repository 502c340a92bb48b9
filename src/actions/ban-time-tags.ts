// The tags fail2ban fills at ban time, split by trust. Validated tags are produced by fail2nft in a
// known character set (addresses parsed by core/ip-address.ts, numbers, inet4/inet6, the host name);
// free-text tags come from log lines (matches, <F-*> captures) and may hold anything.

export type BanTimeTagKind = 'validated' | 'free-text';

const validated = new Set([
  'ip',
  'ip-rev',
  'fid',
  'family',
  'failures',
  'time',
  'bantime',
  'bancount',
  'ipfailures',
  'ipjailfailures',
  'restored',
  'fq-hostname',
  'sh-hostname',
]);

const freeText = new Set(['matches', 'ipmatches', 'ipjailmatches']);

/** fail2ban recognises only upper-case capture tags: <F-USER>, <F-PORT>, <F-MY_NAME>. */
const captureTag = /^F-[A-Z0-9_-]+$/;

export function banTimeTagKind(tag: string): BanTimeTagKind | undefined {
  if (validated.has(tag)) return 'validated';
  if (freeText.has(tag) || captureTag.test(tag)) return 'free-text';
  return undefined;
}

/** The characters a validated value may contain; anything else is treated as free text. */
export const validatedValue = /^[A-Za-z0-9.:/_-]*$/;
