// Real packets through real rules: a server namespace and a client namespace joined by a veth pair,
// a TCP listener in the server namespace, bans applied by each kernel backend. Namespaces and
// processes are removed in finally blocks, whatever happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BanDecision, UnbanDecision } from '../../src/core/records.js';
import type { FirewallBackend } from '../../src/firewall/firewall-backend.js';
import type { FirewallJailSpec } from '../../src/firewall/firewall-jail-spec.js';
import { IpsetBackend } from '../../src/firewall/ipset-backend.js';
import { NftablesBackend } from '../../src/firewall/nftables-backend.js';
import { createNetns, kernelSkip, runOk, type Netns } from './support/netns.js';
import { TcpClient, TcpServer } from './support/tcp-probe.js';

const port = 8025;
const server4 = '10.203.0.1';
const server6 = 'fd42:203::1';
const [banned4, free4, banned6, free6] = ['10.203.0.2', '10.203.0.3', 'fd42:203::2', 'fd42:203::3'];

const jails: FirewallJailSpec[] = [
  {
    jail: 'mail',
    rules: [
      {
        ports: [
          { first: 25, last: 25 },
          { first: port, last: port },
        ],
        protocols: ['tcp'],
        blocktype: 'reject',
      },
    ],
  },
  {
    jail: 'elsewhere',
    rules: [{ ports: [{ first: 9999, last: 9999 }], protocols: ['tcp'], blocktype: 'reject' }],
  },
  { jail: 'silent', rules: [{ ports: 'all', protocols: ['tcp'], blocktype: 'drop' }] },
];

function ban(jail: string, address: string, durationSec = 600): BanDecision {
  return {
    jail,
    address,
    family: address.includes(':') ? 6 : 4,
    startMs: Date.now(),
    durationSec,
    banCount: 1,
    failures: 1,
  };
}

function unban(jail: string, address: string): UnbanDecision {
  return { jail, address, family: address.includes(':') ? 6 : 4 };
}

function connectPair(srv: Netns, cli: Netns): void {
  runOk([
    'ip',
    '-n',
    srv.name,
    'link',
    'add',
    'f2n-s',
    'type',
    'veth',
    'peer',
    'name',
    'f2n-c',
    'netns',
    cli.name,
  ]);
  runOk(['ip', '-n', srv.name, 'addr', 'add', `${server4}/24`, 'dev', 'f2n-s']);
  runOk(['ip', '-n', srv.name, 'addr', 'add', `${server6}/64`, 'dev', 'f2n-s', 'nodad']);
  for (const address of [banned4, free4])
    runOk(['ip', '-n', cli.name, 'addr', 'add', `${address}/24`, 'dev', 'f2n-c']);
  for (const address of [banned6, free6]) {
    runOk(['ip', '-n', cli.name, 'addr', 'add', `${address}/64`, 'dev', 'f2n-c', 'nodad']);
  }
  runOk(['ip', '-n', srv.name, 'link', 'set', 'f2n-s', 'up']);
  runOk(['ip', '-n', cli.name, 'link', 'set', 'f2n-c', 'up']);
}

function runTrafficTest(
  name: string,
  tools: readonly string[],
  create: (netns: string) => FirewallBackend,
): void {
  test(
    `${name}: bans block the banned source on the jail's ports only, for IPv4 and IPv6, until unban or expiry`,
    { skip: kernelSkip(tools), timeout: 40_000 },
    async () => {
      const srv = createNetns('srv');
      const cli = createNetns('cli');
      let server: TcpServer | undefined;
      let client: TcpClient | undefined;
      try {
        connectPair(srv, cli);
        server = await TcpServer.start(srv.name, port, 60_000);
        client = TcpClient.start(cli.name, 60_000);
        const probe = client;
        const reach = async (from: string, timeoutMs = 1000) =>
          (await probe.connect(from.includes(':') ? server6 : server4, port, from, timeoutMs)).ok;

        for (const from of [banned4, free4, banned6, free6]) {
          const result = await probe.connect(from.includes(':') ? server6 : server4, port, from, 2000);
          assert.ok(result.ok, `${from} connects before any ban (${result.reason})`);
        }

        const backend = create(srv.name);
        await backend.start(jails);
        const now = Date.now();
        await backend.apply(
          {
            bans: [
              ban('mail', banned4),
              ban('mail', banned6),
              ban('elsewhere', free4),
              ban('elsewhere', free6),
            ],
            unbans: [],
          },
          now,
        );
        assert.equal(await reach(banned4), false, 'the banned IPv4 address is refused');
        assert.equal(await reach(banned6), false, 'the banned IPv6 address is refused');
        assert.ok(await reach(free4), 'an address banned for another port still connects (IPv4)');
        assert.ok(await reach(free6), 'an address banned for another port still connects (IPv6)');

        await backend.apply(
          { bans: [], unbans: [unban('mail', banned4), unban('mail', banned6)] },
          Date.now(),
        );
        assert.ok(await reach(banned4), 'the unbanned IPv4 address connects again');
        assert.ok(await reach(banned6), 'the unbanned IPv6 address connects again');

        await backend.apply(
          { bans: [ban('silent', free4), ban('silent', '10.203.0.2/31')], unbans: [] },
          Date.now(),
        );
        assert.equal(await reach(free4, 500), false, 'a drop jail on all ports silences the address');
        assert.equal(await reach(banned4, 500), false, 'a network ban covers its addresses');
        await backend.apply(
          { bans: [], unbans: [unban('silent', free4), unban('silent', '10.203.0.2/31')] },
          Date.now(),
        );

        const started = Date.now();
        await backend.apply(
          { bans: [ban('mail', banned4, 2), ban('mail', 'fd42:203::/64', 2)], unbans: [] },
          started,
        );
        assert.equal(await reach(banned4, 300), false, 'blocked while the 2 s ban lasts');
        assert.equal(await reach(free6, 300), false, 'the IPv6 network ban blocks its addresses');
        let freed = false;
        for (let attempt = 0; attempt < 40 && !freed; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 150));
          freed = (await reach(banned4, 300)) && (await reach(free6, 300));
        }
        const elapsed = Date.now() - started;
        assert.ok(freed, 'the bans expired in the kernel');
        assert.ok(elapsed >= 1500, `not before the timeout (${elapsed} ms)`);
      } finally {
        client?.stop();
        server?.stop();
        srv.remove();
        cli.remove();
      }
    },
  );
}

runTrafficTest('NftablesBackend', ['nft'], (netns) => new NftablesBackend({ netns }));
runTrafficTest('IpsetBackend', ['ipset', 'iptables', 'ip6tables'], (netns) => new IpsetBackend({ netns }));
