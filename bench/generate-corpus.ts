// CLI: writes a seeded mail.log / flood / auth.log corpus and its ground truth for benchmarks and
// end-to-end tests. Only wiring: options in corpus/corpus-options.ts, generation in corpus/.
import { performance } from 'node:perf_hooks';
import { Fail2nftError } from '../src/core/errors.js';
import { CORPUS_HELP, parseCorpusArgs } from './corpus/corpus-options.js';
import { generateCorpus } from './corpus/generate-corpus-text.js';
import { createFileSink, writeTruthFile } from './corpus/write-corpus-files.js';

function main(argv: readonly string[]): number {
  const parsed = parseCorpusArgs(argv);
  if (parsed.help || parsed.options === undefined) {
    process.stdout.write(CORPUS_HELP);
    return 0;
  }
  const options = parsed.options;
  const { out, truthOut } = options;
  if (out === undefined || truthOut === undefined)
    throw new Fail2nftError('F2N_ERR_USAGE', '--out is required');
  const began = performance.now();
  const sink = createFileSink(out);
  const truth = generateCorpus(options, sink);
  const bytes = sink.close();
  const generated = performance.now() - began;
  const truthBytes = writeTruthFile(truthOut, truth);
  const jails = Object.entries(truth.jails)
    .filter(([, j]) => j.failures > 0)
    .map(([name, j]) => `${name}: ${j.failures} failures, ${j.addresses} addresses, ${j.bannedCount} banned`)
    .join('; ');
  process.stderr.write(
    `${out}: ${truth.lines} lines, ${(bytes / 1048576).toFixed(1)} MiB, ${truth.failureLines} failure lines (${(
      truth.failureRatio * 100
    ).toFixed(
      2,
    )}%), ${truth.firstLine} .. ${truth.lastLine}, generated in ${(generated / 1000).toFixed(2)} s\n` +
      `${truthOut}: ${(truthBytes / 1024).toFixed(0)} KiB; ${jails}\n`,
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof Fail2nftError) {
    process.stderr.write(`generate-corpus: ${error.message}\n`);
    process.exitCode = 2;
  } else throw error;
}
