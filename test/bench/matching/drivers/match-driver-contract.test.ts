// The contract every benchmark driver meets, run for each driver (hono style): a driver that is not
// available here is skipped with the reason. The fast drivers must find exactly what the reference
// line-filter driver finds, whatever the chunking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolveCorpusOptions, type CorpusInput } from '../../../../bench/corpus/corpus-options.js';
import { generateCorpus, type CorpusTruth } from '../../../../bench/corpus/generate-corpus-text.js';
import { DRIVER_NAMES } from '../../../../bench/matching/bench-options.js';
import { loadDrivers } from '../../../../bench/matching/drivers/driver-registry.js';
import { lineFilterDriver } from '../../../../bench/matching/drivers/line-filter-driver.js';
import type { MatchDriver, ProcessResult } from '../../../../bench/matching/drivers/match-driver.js';
import { loadBenchFilter } from '../../../../bench/matching/load-bench-filter.js';
import { splitLineChunks } from '../../../../bench/matching/log-chunks.js';
import type { FilterSpec } from '../../../../src/core/filter-spec.js';
import { bundledConfigDir } from '../../../support/project-paths.js';

const debian = '/etc/fail2ban';
const nowMs = Date.UTC(2026, 11, 1);

function corpus(input: CorpusInput): { data: Buffer; truth: CorpusTruth } {
  const parts: string[] = [];
  const truth = generateCorpus(resolveCorpusOptions(input), { write: (s) => parts.push(s) });
  return { data: Buffer.from(parts.join(''), 'latin1'), truth };
}

const mail = corpus({ kind: 'mail', lines: 4000, seed: 11, attackers: 30, failureRatio: 0.2 });
const sshd = corpus({ kind: 'sshd', lines: 4000, seed: 11, attackers: 30, failureRatio: 0.2 });
const mailFilters = ['postfix', 'postfix[mode=auth]', 'dovecot', 'sshd'];

async function run(
  driver: MatchDriver,
  specs: readonly FilterSpec[],
  data: Buffer,
  chunkSize: number,
  collect = true,
): Promise<ProcessResult> {
  const session = await driver.open(specs, { collect, workers: 2, nowMs });
  try {
    return await session.process(splitLineChunks(data, chunkSize).chunks);
  } finally {
    await session.close();
  }
}

function sortedRecords(result: ProcessResult): string[] {
  return (result.records ?? []).map((r) => `${r.jail}:${r.line}:${r.id}`).sort();
}

const drivers = await loadDrivers(DRIVER_NAMES);

for (const { name, driver, reason } of drivers) {
  const skip = driver === undefined ? `driver not available: ${reason ?? '?'}` : false;

  test(`${name}: counts match the records and every record is a line of the input`, { skip }, async () => {
    assert.ok(driver);
    const specs = mailFilters.map((f) => loadBenchFilter(bundledConfigDir, f));
    const result = await run(driver, specs, mail.data, 1 << 20);
    const records = result.records ?? [];
    assert.deepEqual(
      result.failures,
      specs.map((_, j) => records.filter((r) => r.jail === j).length),
    );
    assert.ok(records.length > 100, `only ${records.length} failures`);
    for (const r of records) assert.ok(r.line >= 1 && r.line <= 4000 && r.id !== '');
    const counted = await run(driver, specs, mail.data, 1 << 20, false);
    assert.deepEqual(counted.failures, result.failures, 'the same counts without collecting');
  });

  test(`${name}: finds what the line-filter driver finds, whatever the chunk size`, { skip }, async () => {
    assert.ok(driver);
    for (const [data, filters] of [
      [mail.data, mailFilters],
      [sshd.data, ['sshd']],
    ] as const) {
      const specs = filters.map((f) => loadBenchFilter(bundledConfigDir, f));
      const expected = sortedRecords(await run(lineFilterDriver, specs, data, 1 << 20));
      for (const chunkSize of [1 << 20, 997]) {
        assert.deepEqual(
          sortedRecords(await run(driver, specs, data, chunkSize)),
          expected,
          `chunks of ${chunkSize}`,
        );
      }
    }
  });

  test(
    `${name}: with Debian's filters finds the corpus ground truth`,
    { skip: skip || (existsSync(`${debian}/filter.d`) ? false : 'fail2ban is not installed') },
    async () => {
      assert.ok(driver);
      for (const [data, truth] of [
        [mail.data, mail.truth],
        [sshd.data, sshd.truth],
      ] as const) {
        const jails = (['postfix', 'postfix-sasl', 'dovecot', 'sshd'] as const).map((jail) => ({
          jail,
          spec: loadBenchFilter(debian, truth.jails[jail].filter),
        }));
        const result = await run(
          driver,
          jails.map((j) => j.spec),
          data,
          1 << 20,
          false,
        );
        assert.deepEqual(
          result.failures,
          jails.map((j) => truth.jails[j.jail].failures),
        );
      }
    },
  );
}
