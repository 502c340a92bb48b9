// The nftables and ipset backends run their tools through a helper process of their own by default,
// and stop() ends it, so a stopped service leaves no helper behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { IpsetBackend } from '../../src/firewall/ipset-backend.js';
import { NftablesBackend } from '../../src/firewall/nftables-backend.js';
import type { FirewallBackend } from '../../src/firewall/firewall-backend.js';
import type { FirewallJailSpec } from '../../src/firewall/firewall-jail-spec.js';

const jail: FirewallJailSpec = {
  jail: 'sshd',
  rules: [{ ports: [{ first: 22, last: 22 }], protocols: ['tcp'], blocktype: 'reject' }],
};

/** Process ids of this process's children named as the helper names itself. */
function helperChildren(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    // pid (comm) state ppid …; comm may hold spaces, so split after its closing parenthesis.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (comm === 'fail2nft-helper' && ppid === process.pid) found.push(Number(entry));
  }
  return found;
}

async function waitNoHelpers(): Promise<number[]> {
  for (let i = 0; i < 200 && helperChildren().length > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  return helperChildren();
}

const backends: [string, () => FirewallBackend][] = [
  ['NftablesBackend', () => new NftablesBackend({ nftCommand: '/nonexistent/nft' })],
  ['IpsetBackend', () => new IpsetBackend({ ipsetCommand: '/nonexistent/ipset' })],
];

for (const [name, create] of backends) {
  test(`${name} runs its tools in a helper process and stop() ends it`, async () => {
    assert.deepEqual(await waitNoHelpers(), []);
    const backend = create();
    await assert.rejects(backend.start([jail]), { code: 'F2N_ERR_FIREWALL_UNAVAILABLE' });
    assert.equal(helperChildren().length, 1, 'the missing tool was looked for by one helper');
    await backend.stop();
    assert.deepEqual(await waitNoHelpers(), []);
  });
}
