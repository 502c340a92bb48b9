import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { Fail2nftAggregateError, Fail2nftError } from '../../src/core/errors.js';
import { buildJailStates } from '../../src/decisions/jail-decision-options.js';
import { createMemoryDecisionIo } from './memory-decision-io.js';

const io = createMemoryDecisionIo();
const clock = new ManualClock();

test('each jail gets its policy, ignore list and command; ignoreself defaults to true', () => {
  const states = buildJailStates(
    {
      sshd: { bantime: 600, maxretry: 5, ignoreip: ['127.0.0.1/8'] },
      postfix: { bantime: -1, maxretry: 3, ignorecommand: '/usr/bin/check <ip>' },
    },
    io.runCommand,
    clock,
  );
  assert.equal(states.get('sshd')?.ignore.ignoreSelf, true);
  assert.equal(states.get('sshd')?.command, undefined);
  assert.equal(states.get('postfix')?.policy.bantime, -1);
  assert.ok(states.get('postfix')?.command !== undefined);
});

test('a problem is reported with its jail', () => {
  assert.throws(
    () => buildJailStates({ sshd: { bantime: 600, maxretry: 0 } }, io.runCommand, clock),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.message === '[sshd] maxretry: must be a whole number of at least 1, got 0' &&
      error.details.jail === 'sshd',
  );
});

test('problems of every jail are collected and thrown together', () => {
  assert.throws(
    () =>
      buildJailStates(
        {
          sshd: {
            bantime: 600,
            maxretry: 5,
            ignoreip: ['300.0.0.1'],
            increment: { enabled: true, formula: 'x' },
          },
          postfix: { bantime: 600, maxretry: 5, ignorecommand: 'check <ip> | grep yes' },
        },
        io.runCommand,
        clock,
      ),
    (error: unknown) => {
      if (!(error instanceof Fail2nftAggregateError)) return false;
      assert.deepEqual(
        error.errors.map((e) => e.message.replace(/:.*/, '')),
        ['[sshd] bantime.formula', '[sshd] ignoreip', '[postfix] ignorecommand'],
      );
      return true;
    },
  );
});
