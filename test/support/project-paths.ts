// Paths of the source tree from compiled tests (dist/test/...): fixtures and samples are read in place.
import { fileURLToPath } from 'node:url';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixturesDir = join(projectRoot, 'test', 'fixtures');
export const bundledConfigDir = join(projectRoot, 'config');
export const sharedDir = join(projectRoot, '..', 'shared');

/** Creates a temporary directory holding the given files (path → content); returns its path. */
export function writeTree(files: Readonly<Record<string, string>>, prefix = 'fail2nft-test-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export function removeTree(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
