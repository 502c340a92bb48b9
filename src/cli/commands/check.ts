// `fail2nft check [--config DIR]` (wired to the config stage below).
import type { CliIo } from '../cli-io.js';

export function runCheck(_args: readonly string[], io: CliIo): Promise<number> {
  io.stderr('not yet\n');
  return Promise.resolve(1);
}
