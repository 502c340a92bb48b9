import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { runFail2nftSide } from '../../../bench/service/run-fail2nft-io.js';
import { BANNED, FAILURES_PER_JAIL, smallCorpus } from './small-corpus.js';

const projectRoot = resolve(import.meta.dirname, '../../../..');
const runnerScript = resolve(import.meta.dirname, '../../../bench/service/fail2nft-runner.js');

test('the fail2nft side follows the appended log in a child process and reports its decisions', async () => {
  const corpus = smallCorpus();
  const result = await runFail2nftSide({
    corpus,
    projectRoot,
    runnerScript,
    workers: 1,
    timeoutMs: 30_000,
    cpuProfileDir: undefined,
    progress: () => undefined,
  });
  assert.equal(result.tool, 'fail2nft');
  assert.equal(result.lines, corpus.lines);
  assert.deepEqual(result.failures, {
    postfix: FAILURES_PER_JAIL,
    'postfix-sasl': FAILURES_PER_JAIL,
    dovecot: FAILURES_PER_JAIL,
  });
  assert.deepEqual(result.bans, { postfix: [BANNED], 'postfix-sasl': [BANNED], dovecot: [BANNED] });
  assert.deepEqual(result.notes, []);
  assert.ok(result.doneMs >= result.writerDoneMs && result.writerDoneMs >= result.t0Ms);
  assert.ok(result.peakRssMiB > 0);
});
