// Both sides of one small side-by-side run, for real: fail2nft's runner with its nftables backend and
// fail2ban-server with Debian's nftables action, each in a namespace of its own (needs root, nft and
// fail2ban, which CI has). About 10 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { completingLines } from '../../../bench/side-by-side/ban-latency.js';
import { corpusFailures } from '../../../bench/side-by-side/completing-failures.js';
import { runFail2banSide } from '../../../bench/side-by-side/run-fail2ban-io.js';
import { runFail2nftSide } from '../../../bench/side-by-side/run-fail2nft-io.js';
import { scenarioOf } from '../../../bench/side-by-side/scenarios.js';
import type { SideInput } from '../../../bench/side-by-side/side-input.js';
import { cutPieces } from '../../../bench/side-by-side/write-times.js';
import { BANNED, smallCorpus } from '../service/small-corpus.js';

const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const runnerScript = fileURLToPath(new URL('../../../bench/service/fail2nft-runner.js', import.meta.url));

const missing =
  process.getuid?.() !== 0
    ? 'needs root for network namespaces'
    : spawnSync('nft', ['--version']).status !== 0
      ? 'nft is not installed'
      : spawnSync('fail2ban-server', ['-V']).status !== 0
        ? 'fail2ban is not installed'
        : undefined;

test(
  'both services ban the same address in their own kernel sets, with latencies',
  { skip: missing },
  async () => {
    const scenario = scenarioOf('mail', 1);
    const corpus = smallCorpus();
    const pieces = cutPieces(corpus.bytes, 1 << 20, Number.POSITIVE_INFINITY);
    const failures = await corpusFailures(projectRoot, scenario.jails, pieces, Date.now());
    const input: SideInput = {
      scenario,
      run: 'mail',
      pieces,
      lines: corpus.lines,
      bytes: corpus.bytes.length,
      paced: undefined,
      completing: completingLines(failures, scenario.maxretry),
      listSets: true,
      timeoutMs: 60_000,
      progress: () => undefined,
    };
    const ours = await runFail2nftSide(input, {
      projectRoot,
      runnerScript,
      workers: 1,
      cpuProfileDir: undefined,
    });
    const theirs = await runFail2banSide(input, 'fail2ban');
    for (const side of [ours, theirs]) {
      assert.deepEqual(side.kernelBans, { postfix: 1, 'postfix-sasl': 1, dovecot: 1 }, side.tool);
      assert.deepEqual(side.kernelAddresses?.postfix, [BANNED], side.tool);
      assert.deepEqual(side.kernelCheck, { method: 'listed', checked: 3, missing: 0 }, side.tool);
      assert.deepEqual(side.failures, { postfix: 8, 'postfix-sasl': 8, dovecot: 8 }, side.tool);
      assert.equal(side.latency.bans, 3, side.tool);
      assert.ok(side.latency.p99Ms >= 0, side.tool);
      assert.ok(side.endMs >= side.writerDoneMs, side.tool);
      assert.ok(side.peakRssMiB > 0, side.tool);
    }
    assert.ok(ours.serviceLatency !== undefined && ours.serviceLatency.length > 0);
    assert.equal(ours.notes.length, 0, ours.notes.join('; '));
    assert.equal(theirs.notes.length, 0, theirs.notes.join('; '));
  },
);
