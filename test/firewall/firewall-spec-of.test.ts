import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { banactionTable } from '../../src/firewall/banaction-table.js';
import { firewallSpecOf } from '../../src/firewall/firewall-spec-of.js';

const tcp22 = { ports: [{ first: 22, last: 22 }], protocols: ['tcp'], blocktype: 'reject' } as const;

function action(file: string, options: Record<string, string> = {}) {
  return { file, options };
}

test('nftables actions keep their ports, protocol and blocktype; other actions are handed back', () => {
  const mail = action('sendmail-whois', { dest: 'root' });
  const result = firewallSpecOf('postfix', [
    action('nftables-multiport', { port: 'smtp,465,submission', protocol: 'tcp', blocktype: 'reject' }),
    mail,
  ]);
  assert.deepEqual(result.spec, {
    jail: 'postfix',
    rules: [
      {
        ports: [
          { first: 25, last: 25 },
          { first: 465, last: 465 },
          { first: 587, last: 587 },
        ],
        protocols: ['tcp'],
        blocktype: 'reject',
      },
    ],
  });
  assert.equal(result.otherActions[0], mail);
  assert.deepEqual(result.problems, []);
});

test('a jail without firewall actions has no spec', () => {
  const result = firewallSpecOf('notify', [action('mail', {})]);
  assert.equal(result.spec, undefined);
  assert.equal(result.otherActions.length, 1);
});

test("the actions' own defaults apply when options are missing: ssh, tcp, reject", () => {
  assert.deepEqual(firewallSpecOf('sshd', [action('iptables')]).spec?.rules, [tcp22]);
  assert.deepEqual(firewallSpecOf('sshd', [action('nftables')]).spec?.rules, [tcp22]);
  assert.deepEqual(firewallSpecOf('x', [action('firewallcmd-multiport')]).spec?.rules, [
    { ports: [{ first: 1, last: 65535 }], protocols: ['tcp'], blocktype: 'reject' },
  ]);
});

test('allports actions block every port of their protocols; whole-host actions block all traffic', () => {
  const allports = { ports: 'all', protocols: ['tcp', 'udp'], blocktype: 'drop' };
  for (const file of ['nftables-allports', 'iptables-allports', 'iptables-ipset-proto6-allports']) {
    assert.deepEqual(
      firewallSpecOf('j', [action(file, { port: '0:65535', protocol: 'tcp,udp', blocktype: 'DROP' })]).spec
        ?.rules,
      [allports],
      file,
    );
  }
  assert.deepEqual(
    firewallSpecOf('j', [action('nftables', { type: 'allports', protocol: 'tcp', blocktype: 'drop' })]).spec
      ?.rules,
    [{ ports: 'all', protocols: ['tcp'], blocktype: 'drop' }],
  );
  for (const file of ['firewallcmd-allports', 'ufw', 'shorewall']) {
    assert.deepEqual(
      firewallSpecOf('j', [action(file, { port: '22', protocol: 'tcp', blocktype: 'reject' })]).spec?.rules,
      [{ ports: 'all', protocols: 'all', blocktype: 'reject' }],
    );
  }
  assert.deepEqual(firewallSpecOf('j', [action('ufw', { blocktype: 'deny' })]).spec?.rules, [
    { ports: 'all', protocols: 'all', blocktype: 'drop' },
  ]);
  assert.deepEqual(firewallSpecOf('j', [action('shorewall-ipset-proto6', {})]).spec?.rules, [
    { ports: 'all', protocols: 'all', blocktype: 'drop' },
  ]);
});

test("iptables' type option and firewalld's ipset actiontype choose between ports and all ports", () => {
  assert.deepEqual(
    firewallSpecOf('j', [action('iptables-ipset', { type: 'allports', protocol: 'udp' })]).spec?.rules,
    [{ ports: 'all', protocols: ['udp'], blocktype: 'reject' }],
  );
  assert.deepEqual(
    firewallSpecOf('j', [action('firewallcmd-ipset', { actiontype: '-p tcp', port: '22', protocol: 'tcp' })])
      .spec?.rules,
    [{ ports: 'all', protocols: ['tcp'], blocktype: 'reject' }],
  );
  assert.deepEqual(
    firewallSpecOf('j', [
      action('firewallcmd-ipset', {
        actiontype: '-p tcp -m multiport --dports 22',
        port: '22',
        protocol: 'tcp',
      }),
    ]).spec?.rules,
    [tcp22],
  );
});

test('firewalld rich rules take their rich-blocktype', () => {
  assert.deepEqual(
    firewallSpecOf('j', [
      action('firewallcmd-rich-rules', {
        port: 'ssh',
        protocol: 'tcp',
        blocktype: 'REJECT',
        'rich-blocktype': 'drop',
      }),
    ]).spec?.rules,
    [{ ports: [{ first: 22, last: 22 }], protocols: ['tcp'], blocktype: 'drop' }],
  );
});

test('several firewall actions make several rules over the same sets, duplicates once', () => {
  const result = firewallSpecOf('steam', [
    action('iptables-multiport', { name: 'steam-tcp', port: '27030:27039', protocol: 'tcp' }),
    action('iptables-multiport', { name: 'steam-udp', port: '1200,27000:27015', protocol: 'udp' }),
    action('nftables-multiport', { port: '27030-27039', protocol: 'tcp', blocktype: 'REJECT' }),
  ]);
  assert.deepEqual(result.spec?.rules, [
    { ports: [{ first: 27030, last: 27039 }], protocols: ['tcp'], blocktype: 'reject' },
    {
      ports: [
        { first: 1200, last: 1200 },
        { first: 27000, last: 27015 },
      ],
      protocols: ['udp'],
      blocktype: 'reject',
    },
  ]);
});

test('options that cannot be mapped are errors naming jail, action and option; the rule is left out', () => {
  const result = firewallSpecOf('bad', [
    action('nftables-multiport', { port: 'smtp,nosuch', protocol: 'tcp', blocktype: 'reject' }),
    action('iptables-multiport', { port: '22', protocol: 'icmp', blocktype: 'DROP' }),
    action('nftables', { type: 'custom' }),
    action('iptables', { port: '22', blocktype: 'LOG' }),
    action('iptables', { port: '<known/port>' }),
    action('iptables', { type: 'fancy' }),
  ]);
  assert.deepEqual(result.spec, { jail: 'bad', rules: [] });
  assert.deepEqual(
    result.problems.map((p) => [p.severity, p.error.code, p.error.details.option]),
    [
      ['error', 'F2N_ERR_FIREWALL_ACTION_OPTION', 'port'],
      ['error', 'F2N_ERR_FIREWALL_ACTION_OPTION', 'protocol'],
      ['error', 'F2N_ERR_FIREWALL_ACTION_OPTION', 'type'],
      ['error', 'F2N_ERR_FIREWALL_ACTION_OPTION', 'blocktype'],
      ['error', 'F2N_ERR_FIREWALL_ACTION_OPTION', 'port'],
      ['error', 'F2N_ERR_FIREWALL_ACTION_OPTION', 'type'],
    ],
  );
  assert.equal(
    result.problems[0]?.error.message,
    'jail [bad] action nftables-multiport: port: unknown service name "nosuch" (not in /etc/services)',
  );
});

test('what an action does beyond blocking is reported as a warning', () => {
  const result = firewallSpecOf('j', [
    action('iptables-multiport-log', {
      port: '22',
      protocol: 'tcp',
      blocktype: 'REJECT --reject-with tcp-reset',
    }),
    action('ufw', { application: 'OpenSSH', blocktype: 'reject' }),
  ]);
  assert.deepEqual(
    result.problems.map((p) => [p.severity, p.error.code]),
    [
      ['warning', 'F2N_ERR_FIREWALL_ACTION_APPROXIMATED'],
      ['warning', 'F2N_ERR_FIREWALL_ACTION_APPROXIMATED'],
      ['warning', 'F2N_ERR_FIREWALL_ACTION_APPROXIMATED'],
    ],
  );
  assert.equal(result.spec?.rules.length, 2);
});

test('a services table passed in resolves names the built-in one lacks', () => {
  const result = firewallSpecOf('j', [action('nftables', { port: 'mine' })], new Map([['mine', 4242]]));
  assert.deepEqual(result.spec?.rules[0]?.ports, [{ first: 4242, last: 4242 }]);
});

const debian = '/etc/fail2ban';
const debianSkip =
  existsSync(join(debian, 'jail.conf')) || process.env.CI === 'true'
    ? false
    : 'fail2ban is not installed (/etc/fail2ban)';

test('every mapped action name is an action file of fail2ban 1.0.2', { skip: debianSkip }, () => {
  const files = new Set(readdirSync(join(debian, 'action.d')).map((name) => name.replace(/\.conf$/, '')));
  for (const name of banactionTable.keys()) assert.ok(files.has(name), `${name}.conf exists`);
});

test(
  "Debian's configuration loads into the expected specs for each kind of banaction",
  { skip: debianSkip },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'f2n-spec-'));
    try {
      for (const name of readdirSync(debian)) {
        if (name !== 'jail.local' && name !== 'jail.d') symlinkSync(join(debian, name), join(dir, name));
      }
      writeFileSync(
        join(dir, 'jail.local'),
        [
          '[DEFAULT]',
          'banaction = nftables-multiport',
          'banaction_allports = nftables-allports',
          '[sshd]',
          'enabled = true',
          '[postfix]',
          'enabled = true',
          '[dovecot]',
          'enabled = true',
          'banaction = iptables-ipset-proto6',
          '[recidive]',
          'enabled = true',
          '[postfix-sasl]',
          'enabled = true',
          'action = firewallcmd-rich-rules[port="smtp,465"]',
          '         sendmail-whois[name=x, dest=root]',
          '',
        ].join('\n'),
      );
      const loaded = loadConfig(dir, { jails: ['sshd', 'postfix', 'dovecot', 'recidive', 'postfix-sasl'] });
      assert.ok(loaded.config, loaded.problems.map((p) => p.message).join('\n'));
      const specs = new Map(
        loaded.config.jails.map((jail) => [jail.name, firewallSpecOf(jail.name, jail.actions)] as const),
      );
      for (const [name, result] of specs) assert.deepEqual(result.problems, [], name);
      const ports = (name: string) => specs.get(name)?.spec?.rules.map((rule) => rule.ports);
      assert.deepEqual(ports('sshd'), [[{ first: 22, last: 22 }]]);
      assert.deepEqual(ports('postfix'), [
        [
          { first: 25, last: 25 },
          { first: 465, last: 465 },
          { first: 587, last: 587 },
        ],
      ]);
      assert.deepEqual(ports('dovecot')?.[0]?.length, 7);
      assert.deepEqual(specs.get('recidive')?.spec?.rules, [
        { ports: 'all', protocols: ['tcp'], blocktype: 'reject' },
      ]);
      assert.deepEqual(ports('postfix-sasl'), [
        [
          { first: 25, last: 25 },
          { first: 465, last: 465 },
        ],
      ]);
      assert.equal(specs.get('postfix-sasl')?.otherActions[0]?.file, 'sendmail-whois');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
