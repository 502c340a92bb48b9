// Where the configuration comes from when --config is not given: /etc/fail2nft if it exists, else the
// configuration bundled with the package.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const systemConfigDir = '/etc/fail2nft';

/** The package's own config/ (this file is dist/src/cli/default-config-dir.js in a build). */
export const bundledConfigDir = fileURLToPath(new URL('../../../config', import.meta.url));

export function defaultConfigDir(): string {
  return existsSync(systemConfigDir) ? systemConfigDir : bundledConfigDir;
}
