// `fail2nft dump [--config DIR]` (wired to the config stage below).
import type { CliIo } from '../cli-io.js';

export function runDump(_args: readonly string[], io: CliIo): Promise<number> {
  io.stderr('not yet\n');
  return Promise.resolve(1);
}
