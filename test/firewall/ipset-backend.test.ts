// IpsetBackend passes the backend contract in a fresh network namespace (ipset plus iptables rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IpsetBackend } from '../../src/firewall/ipset-backend.js';
import { ipsetSetNames } from '../../src/firewall/render-ipset-script.js';
import type { CommandRunner } from '../../src/firewall/run-command-io.js';
import { isJailSetName, setKinds } from '../../src/firewall/set-names.js';
import { runFirewallBackendContract } from './firewall-backend-contract.js';
import { ipsetElements, ipsetNamesIn, type ElementMap } from './support/kernel-elements.js';
import { createNetns, kernelSkip } from './support/netns.js';

const skip = kernelSkip(['ipset', 'iptables', 'ip6tables', 'iptables-restore', 'ip6tables-restore']);

runFirewallBackendContract({
  name: 'IpsetBackend',
  skip,
  open: () => {
    const netns = createNetns('ipset');
    return Promise.resolve({
      createBackend: (options) => new IpsetBackend({ netns: netns.name, ...options }),
      elements: (jail) => {
        const all: ElementMap = new Map();
        const present = new Set(ipsetNamesIn(netns));
        for (const kind of setKinds) {
          const name = ipsetSetNames(jail)[kind];
          if (!present.has(name)) continue;
          for (const [text, left] of ipsetElements(netns, name)) all.set(text, left);
        }
        return Promise.resolve(all);
      },
      setNames: () => Promise.resolve(ipsetNamesIn(netns).filter(isJailSetName)),
      cleanup: () => {
        netns.remove();
        return Promise.resolve();
      },
    });
  },
});

const sshd = {
  jail: 'sshd',
  rules: [{ ports: [{ first: 22, last: 22 }], protocols: ['tcp'], blocktype: 'reject' }],
} as const;

test('start creates the sets, writes both rule tables and hooks the chain into INPUT once', async () => {
  const calls: string[] = [];
  const run: CommandRunner = (argv) => {
    calls.push(argv.join(' '));
    // `iptables -C` finds the jump only the second time.
    const found = argv.includes('-C') && calls.filter((call) => call.includes('-C')).length > 2;
    return Promise.resolve({ code: argv.includes('-C') && !found ? 1 : 0, stdout: '', stderr: '' });
  };
  const backend = new IpsetBackend({}, { run });
  await backend.start([sshd]);
  await backend.start([sshd]);
  assert.deepEqual(calls.slice(0, 8), [
    'ipset -exist restore',
    'iptables-restore -w --noflush',
    'iptables -w -C INPUT -j fail2nft',
    'iptables -w -I INPUT 1 -j fail2nft',
    'ip6tables-restore -w --noflush',
    'ip6tables -w -C INPUT -j fail2nft',
    'ip6tables -w -I INPUT 1 -j fail2nft',
    'ipset list -n',
  ]);
  assert.ok(!calls.slice(8).some((call) => call.includes('-I INPUT')));
});

test('a reconcile that stopped halfway leaves no swap copies after the next start', { skip }, async () => {
  const netns = createNetns('ipsetcopy');
  try {
    const backend = new IpsetBackend({ netns: netns.name });
    await backend.start([sshd]);
    netns.exec(['ipset', 'create', 'f2n-sshd-v4-t', 'hash:ip', 'timeout', '0']);
    await backend.start([sshd]);
    assert.ok(!ipsetNamesIn(netns).includes('f2n-sshd-v4-t'));
    const rules = netns.exec(['iptables', '-S', 'fail2nft']).stdout;
    assert.match(rules, /--match-set f2n-sshd-v4 src -j REJECT/);
  } finally {
    netns.remove();
  }
});
