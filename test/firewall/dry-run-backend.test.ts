// DryRunBackend (also the in-memory double) passes the backend contract against its simulated kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DryRunBackend, type DryRunKernel } from '../../src/firewall/dry-run-backend.js';
import { runFirewallBackendContract } from './firewall-backend-contract.js';

runFirewallBackendContract({
  name: 'DryRunBackend',
  skip: false,
  open: () => {
    const kernel: DryRunKernel = new Map();
    return Promise.resolve({
      createBackend: (options) => new DryRunBackend(options, { kernel }),
      elements: (jail) => {
        const now = Date.now();
        const backend = new DryRunBackend({}, { kernel });
        return Promise.resolve(
          new Map(
            backend
              .elements(jail, now)
              .map((e) => [
                e.address,
                e.expiresAtMs === undefined ? undefined : Math.round((e.expiresAtMs - now) / 1000),
              ]),
          ),
        );
      },
      setNames: () => Promise.resolve([...kernel.keys()]),
      cleanup: () => Promise.resolve(),
    });
  },
});

test('the dry run records its operations, bounded by historyLimit, and expires elements by time', async () => {
  const backend = new DryRunBackend({ historyLimit: 2 });
  await backend.start([{ jail: 'sshd', rules: [] }]);
  await backend.apply(
    {
      bans: [
        {
          jail: 'sshd',
          address: '192.0.2.1',
          family: 4,
          startMs: 0,
          durationSec: 10,
          banCount: 1,
          failures: 1,
        },
      ],
      unbans: [],
    },
    0,
  );
  await backend.apply({ bans: [], unbans: [{ jail: 'sshd', address: '192.0.2.9', family: 4 }] }, 1000);
  assert.deepEqual(
    backend.operations().map((op) => [op.op, op.elements]),
    [
      ['apply', 1],
      ['apply', 1],
    ],
  );
  assert.deepEqual(backend.elements('sshd', 9_999), [{ address: '192.0.2.1', expiresAtMs: 10_000 }]);
  assert.deepEqual(backend.elements('sshd', 10_000), []);
});
