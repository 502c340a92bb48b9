// NftablesBackend passes the backend contract in a fresh network namespace, and runs one nft process
// per transaction with the script on stdin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import { NftablesBackend, setsInTable } from '../../src/firewall/nftables-backend.js';
import { nftSetNames } from '../../src/firewall/render-nft-script.js';
import type { CommandRunner } from '../../src/firewall/run-command-io.js';
import { setKinds } from '../../src/firewall/set-names.js';
import { runFirewallBackendContract } from './firewall-backend-contract.js';
import { nftSetElements, nftSetNamesIn, type ElementMap } from './support/kernel-elements.js';
import { createNetns, kernelSkip } from './support/netns.js';

const skip = kernelSkip(['nft']);

for (const elementUpdate of ['auto', 'delete-add'] as const) {
  runFirewallBackendContract({
    name: `NftablesBackend (elementUpdate ${elementUpdate})`,
    skip,
    open: () => {
      const netns = createNetns('nft');
      return Promise.resolve({
        createBackend: (options) => new NftablesBackend({ netns: netns.name, elementUpdate, ...options }),
        elements: (jail) => {
          const all: ElementMap = new Map();
          for (const kind of setKinds) {
            for (const [text, left] of nftSetElements(netns, 'fail2nft', nftSetNames(jail)[kind]))
              all.set(text, left);
          }
          return Promise.resolve(all);
        },
        setNames: () => Promise.resolve(nftSetNamesIn(netns, 'fail2nft')),
        cleanup: () => {
          netns.remove();
          return Promise.resolve();
        },
      });
    },
  });
}

const sshd = { jail: 'sshd', rules: [{ ports: 'all', protocols: 'all', blocktype: 'drop' }] } as const;

function recordingRunner(outcomes: { code: number | null; stdout?: string; stderr?: string }[]): {
  run: CommandRunner;
  calls: { argv: readonly string[]; input: string }[];
} {
  const calls: { argv: readonly string[]; input: string }[] = [];
  const run: CommandRunner = (argv, input) => {
    calls.push({ argv, input });
    const outcome = outcomes.shift() ?? { code: 0 };
    return Promise.resolve({
      code: outcome.code,
      stdout: outcome.stdout ?? '',
      stderr: outcome.stderr ?? '',
    });
  };
  return { run, calls };
}

test('each transaction is one nft -f - process with the script on stdin, inside the namespace when one is named', async () => {
  const { run, calls } = recordingRunner([]);
  const backend = new NftablesBackend(
    { netns: 'f2n-x', table: 'guard', elementUpdate: 'delete-add' },
    { run },
  );
  await backend.start([sshd]);
  await backend.apply(
    {
      bans: [
        {
          jail: 'sshd',
          address: '192.0.2.1',
          family: 4,
          startMs: 0,
          durationSec: 60,
          banCount: 1,
          failures: 1,
        },
      ],
      unbans: [],
    },
    0,
  );
  assert.deepEqual(
    calls.map((call) => call.argv.join(' ')),
    [
      'ip netns exec f2n-x nft -t -j list sets inet',
      'ip netns exec f2n-x nft -f -',
      'ip netns exec f2n-x nft -f -',
    ],
  );
  assert.match(calls[1]?.input ?? '', /^add table inet guard\n/);
  assert.match(calls[2]?.input ?? '', /add element inet guard f2n-sshd-v4 \{ 192\.0\.2\.1 timeout 1m \}/);
});

test('sets of removed jails found by the terse listing are deleted in the setup transaction', async () => {
  const listing = JSON.stringify({
    nftables: [
      { metainfo: {} },
      { set: { family: 'inet', table: 'fail2nft', name: 'f2n-old-v4' } },
      { set: { family: 'inet', table: 'fail2nft', name: 'f2n-sshd-v4' } },
      { set: { family: 'inet', table: 'fail2nft', name: 'hand-made' } },
      { set: { family: 'inet', table: 'other', name: 'f2n-x-v4' } },
    ],
  });
  const { run, calls } = recordingRunner([{ code: 0, stdout: listing }]);
  const result = await new NftablesBackend({ elementUpdate: 'add' }, { run }).start([sshd]);
  assert.deepEqual(result.removedSets, ['f2n-old-v4']);
  assert.match(calls[1]?.input ?? '', /\ndelete set inet fail2nft f2n-old-v4\n$/);
  assert.deepEqual(setsInTable(listing, 'other'), ['f2n-x-v4']);
});

test("a refused transaction rejects with nft's message and counts as failed", async () => {
  const { run } = recordingRunner([
    { code: 0 },
    { code: 0 },
    { code: 1, stderr: 'Error: Could not process rule: No such file or directory\n' },
  ]);
  const backend = new NftablesBackend({ elementUpdate: 'add' }, { run });
  await backend.start([sshd]);
  await assert.rejects(
    backend.apply(
      {
        bans: [
          {
            jail: 'sshd',
            address: '192.0.2.1',
            family: 4,
            startMs: 0,
            durationSec: 60,
            banCount: 1,
            failures: 1,
          },
        ],
        unbans: [],
      },
      0,
    ),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_FIREWALL_COMMAND_FAILED' &&
      error.message.includes('No such file or directory'),
  );
  assert.equal(backend.stats().failedTransactions, 1);
  assert.equal(backend.stats().elements, 0);
});

test('a missing nft binary makes start reject with F2N_ERR_FIREWALL_UNAVAILABLE', async () => {
  const backend = new NftablesBackend({ nftCommand: '/nonexistent/nft' });
  await assert.rejects(
    backend.start([sshd]),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_FIREWALL_UNAVAILABLE',
  );
});

test("elementUpdate 'add' writes a ban as a single add", async () => {
  const { run, calls } = recordingRunner([]);
  const backend = new NftablesBackend({ elementUpdate: 'add' }, { run });
  await backend.start([sshd]);
  await backend.apply(
    {
      bans: [
        {
          jail: 'sshd',
          address: '192.0.2.1',
          family: 4,
          startMs: 0,
          durationSec: -1,
          banCount: 1,
          failures: 1,
        },
      ],
      unbans: [],
    },
    0,
  );
  assert.equal(calls[2]?.input, 'add element inet fail2nft f2n-sshd-v4 { 192.0.2.1 }\n');
});

test(
  'a changed priority takes effect on reconfigure and the sets keep their elements',
  { skip },
  async () => {
    const netns = createNetns('nftprio');
    try {
      const backend = new NftablesBackend({ netns: netns.name });
      await backend.start([sshd]);
      await backend.apply(
        {
          bans: [
            {
              jail: 'sshd',
              address: '192.0.2.1',
              family: 4,
              startMs: Date.now(),
              durationSec: 600,
              banCount: 1,
              failures: 1,
            },
          ],
          unbans: [],
        },
        Date.now(),
      );
      const moved = new NftablesBackend({ netns: netns.name, priority: 10 });
      await moved.start([sshd]);
      const chain = netns.exec(['nft', 'list', 'chain', 'inet', 'fail2nft', 'input']).stdout;
      assert.match(chain, /priority filter \+ 10/);
      assert.deepEqual([...nftSetElements(netns, 'fail2nft', 'f2n-sshd-v4').keys()], ['192.0.2.1']);
    } finally {
      netns.remove();
    }
  },
);

test("'auto' probes the kernel once, then writes bans as it found, and the setup deletes the scratch set", async () => {
  const replaced = JSON.stringify({
    nftables: [
      {
        set: {
          elem: [
            { elem: { val: '192.0.2.1', timeout: 7200 } },
            { elem: { val: '192.0.2.2', timeout: 3600 } },
            { elem: { val: '192.0.2.3', timeout: 3600 } },
            '192.0.2.4',
          ],
        },
      },
    ],
  });
  const { run, calls } = recordingRunner([
    { code: 0 },
    { code: 0 },
    { code: 0 },
    { code: 0, stdout: replaced },
  ]);
  const backend = new NftablesBackend({}, { run });
  await backend.start([sshd]);
  await backend.reconfigure([sshd]);
  assert.equal(backend.elementUpdate, 'add');
  assert.deepEqual(
    calls.map((call) => call.argv.slice(1).join(' ')),
    [
      '-t -j list sets inet',
      '-f -',
      '-f -',
      '-j list set inet fail2nft f2n-probe',
      '-f -',
      '-t -j list sets inet',
      '-f -',
    ],
  );
  assert.match(calls[4]?.input ?? '', /\ndelete set inet fail2nft f2n-probe\n$/);
  assert.doesNotMatch(calls[6]?.input ?? '', /f2n-probe/);
});

test('a kernel that keeps the first timeout on a re-add gets add + delete + add', async () => {
  const kept = JSON.stringify({
    nftables: [{ set: { elem: [{ elem: { val: '192.0.2.1', timeout: 3600 } }] } }],
  });
  const { run } = recordingRunner([{ code: 0 }, { code: 0 }, { code: 0 }, { code: 0, stdout: kept }]);
  const backend = new NftablesBackend({}, { run });
  await backend.start([sshd]);
  assert.equal(backend.elementUpdate, 'delete-add');
});

test('Linux here replaces timeouts on a re-add, so auto picks a single add', { skip }, async () => {
  const netns = createNetns('nftprobe');
  try {
    const backend = new NftablesBackend({ netns: netns.name });
    await backend.start([sshd]);
    assert.equal(backend.elementUpdate, 'add');
    assert.ok(!nftSetNamesIn(netns, 'fail2nft').includes('f2n-probe'));
  } finally {
    netns.remove();
  }
});
