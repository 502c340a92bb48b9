// kill -9 during a flood: the service runs as a real process in a network namespace the test creates,
// with nftables and a SQLite file. After SIGKILL every ban in the kernel is in the store (a ban is stored
// before its kernel commit); a restart makes the kernel hold exactly the stored bans, reads on from the
// saved positions and bans every attacker whose failures came after the crash; nothing else is banned.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { SqliteBanStore } from '../../src/persistence/index.js';
import { nftSetElements } from '../firewall/support/kernel-elements.js';
import { createNetns, kernelSkip, type Netns } from '../firewall/support/netns.js';
import { createServiceFixture, saslFailure, waitFor, type ServiceFixture } from './service-fixture.js';

const skip = kernelSkip(['nft']);
const main = resolve(import.meta.dirname, '../../src/cli/main.js');
const table = 'fail2nft';
const set = 'f2n-postfix-sasl-v4';

const jailLocal = `
[DEFAULT]
backend = auto
ignoreself = false
maxretry = 3
findtime = 10m
bantime = 1h

[postfix-sasl]
enabled = true
logpath = %(logs)s/mail.log
`;

/** Attacker n, from 198.18.0.0/15 (the benchmarking range); nothing is routed in the namespace anyway. */
function attacker(n: number): string {
  return `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

function linesOf(first: number, count: number): string[] {
  const lines: string[] = [];
  for (let n = first; n < first + count; n++)
    for (let i = 0; i < 3; i++) lines.push(saslFailure(attacker(n)));
  return lines;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

describe('kill -9 during a flood', { skip }, () => {
  let netns: Netns;
  let f: ServiceFixture;
  before(() => {
    netns = createNetns('crash');
    f = createServiceFixture(jailLocal, 'metrics = off\n');
  });
  after(() => {
    f.cleanup();
    netns.remove();
  });

  it('loses no ban and leaves none in the kernel that the store does not know', async () => {
    const db = join(f.dir, 'state.sqlite3');
    const socket = join(f.dir, 'fail2nft.sock');
    const start = (): ChildProcess =>
      spawn(
        'ip',
        [
          'netns',
          'exec',
          netns.name,
          process.execPath,
          main,
          'start',
          '--config',
          f.configDir,
          '--db',
          db,
          '--socket',
          socket,
        ],
        { stdio: 'ignore' },
      );
    const socketUp = (): boolean => {
      try {
        return statSync(socket).isSocket();
      } catch {
        return false;
      }
    };
    f.append('mail.log', []);
    let child = start();
    let ended = exited(child);
    let survivors: ChildProcess | undefined;
    try {
      await waitFor('the first start', socketUp, 15_000);
      // The flood: attackers 0..1199, three failures each, appended in bursts until bans land.
      let next = 0;
      for (let round = 0; round < 200 && next < 1200; round++) {
        f.append('mail.log', linesOf(next, 40));
        next += 40;
        await new Promise((r) => setTimeout(r, 10));
        if (next >= 200 && nftSetElements(netns, table, set).size >= 20) break;
      }
      child.kill('SIGKILL');
      await ended;
      const inKernel = new Set(nftSetElements(netns, table, set).keys());
      assert.ok(inKernel.size >= 20, `bans reached the kernel before the crash (${inKernel.size})`);
      const store = new SqliteBanStore({ path: db });
      const stored = new Set((await store.activeBans(Date.now())).map((ban) => ban.address));
      await store.close();
      for (const address of inKernel)
        assert.ok(stored.has(address), `${address} is in the kernel but not in the store`);

      // Restart; the rest of the flood arrives afterwards. The killed service left its socket file
      // behind, so readiness is a ping that gets an answer.
      const crashedAt = next;
      child = start();
      survivors = child;
      ended = exited(child);
      for (let round = 0; round < 300; round++) {
        if (
          (await runCli(['ping', '--socket', socket], {
            stdout: () => undefined,
            stderr: () => undefined,
          })) === 0
        )
          break;
        await new Promise((r) => setTimeout(r, 50));
      }
      for (const address of stored)
        assert.ok(nftSetElements(netns, table, set).has(address), `${address} restored`);
      f.append('mail.log', linesOf(crashedAt, 1200 - crashedAt));
      const expectedAfter = Array.from({ length: 1200 - crashedAt }, (_, i) => attacker(crashedAt + i));
      await waitFor(
        'every attacker after the crash banned',
        () => {
          const now = nftSetElements(netns, table, set);
          return expectedAfter.every((address) => now.has(address));
        },
        20_000,
      );
      child.kill('SIGTERM');
      assert.equal(await ended, 0);
      survivors = undefined;
      const finalKernel = new Set(nftSetElements(netns, table, set).keys());
      const finalStore = new SqliteBanStore({ path: db });
      const finalStored = new Set((await finalStore.activeBans(Date.now())).map((ban) => ban.address));
      await finalStore.close();
      assert.deepEqual([...finalKernel].sort(), [...finalStored].sort(), 'kernel and store agree');
      const attackers = new Set(Array.from({ length: 1200 }, (_, i) => attacker(i)));
      for (const address of finalKernel) assert.ok(attackers.has(address), `${address} is not an attacker`);
      for (const address of inKernel) assert.ok(finalKernel.has(address), `${address} survived the crash`);
    } finally {
      child.kill('SIGKILL');
      survivors?.kill('SIGKILL');
    }
  });
});
