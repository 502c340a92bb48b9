// The seeded corpora the scenarios append: generated with bench/generate-corpus (seed 42, 1M lines)
// when missing, then read whole.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusKind } from './scenarios.js';

export const CORPUS_SEED = 42;
export const CORPUS_LINES = 1_000_000;

/** The corpus file of `kind` in `dataDir`, generated first when it is not there. */
export function ensureCorpus(
  projectRoot: string,
  dataDir: string,
  kind: CorpusKind,
  progress: (message: string) => void,
): string {
  const file = join(dataDir, `${kind}.log`);
  if (existsSync(file) && existsSync(`${file}.truth.json`)) return file;
  mkdirSync(dataDir, { recursive: true });
  progress(`generating ${file} (${CORPUS_LINES} lines, seed ${CORPUS_SEED})`);
  const generator = join(projectRoot, 'dist', 'bench', 'generate-corpus.js');
  const result = spawnSync(
    process.execPath,
    [
      generator,
      '--kind',
      kind,
      '--lines',
      String(CORPUS_LINES),
      '--seed',
      String(CORPUS_SEED),
      '--out',
      file,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 },
  );
  if (result.status !== 0) throw new Error(`generating ${file} failed (exit ${String(result.status)})`);
  return file;
}
