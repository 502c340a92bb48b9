// The claim of line-kinds.ts, checked against the real thing: fail2ban-regex (Debian's fail2ban) with
// the stock filters finds, per address, exactly the failures the ground truth counts. Skipped where
// fail2ban is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { resolveCorpusOptions, type CorpusInput } from '../../bench/corpus/corpus-options.js';
import { generateCorpus } from '../../bench/corpus/generate-corpus-text.js';
import { JAILS } from '../../bench/corpus/line-kinds.js';
import { createFileSink } from '../../bench/corpus/write-corpus-files.js';
import { removeTree, writeTree } from '../support/project-paths.js';

const available = spawnSync('fail2ban-regex', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = available ? false : 'fail2ban-regex is not installed';

function failuresByAddress(log: string, filter: string): Record<string, number> {
  const run = spawnSync('fail2ban-regex', ['-o', 'ip', log, filter], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  const counts: Record<string, number> = {};
  for (const line of run.stdout.split('\n')) {
    const address = line.trim();
    if (address !== '') counts[address] = (counts[address] ?? 0) + 1;
  }
  return counts;
}

function sorted(record: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(record).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

for (const input of [
  { kind: 'mail', lines: 8000, seed: 3, attackers: 40, failureRatio: 0.2, truthPerAddress: true },
  { kind: 'sshd', lines: 8000, seed: 3, attackers: 40, failureRatio: 0.2, truthPerAddress: true },
] as const satisfies readonly CorpusInput[]) {
  test(`fail2ban-regex finds exactly the ground truth's failures in a ${input.kind} corpus`, { skip }, () => {
    const dir = writeTree({});
    try {
      const log = join(dir, `${input.kind}.log`);
      const sink = createFileSink(log);
      const truth = generateCorpus(resolveCorpusOptions(input), sink);
      sink.close();
      for (const jail of JAILS) {
        const expected = truth.jails[jail];
        if (input.kind === 'sshd' ? jail !== 'sshd' : jail === 'sshd') {
          assert.equal(expected.failures, 0);
          continue;
        }
        assert.ok(expected.failures > 100, `${jail}: too few failures to compare`);
        assert.deepEqual(
          sorted(failuresByAddress(log, expected.filter)),
          sorted(expected.failuresByAddress ?? {}),
          jail,
        );
      }
    } finally {
      removeTree(dir);
    }
  });
}
