// The configuration shipped in config/ loads, every jail in it resolves (also as fail2ban resolves it),
// and the example jail.local enables the mail jails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { bundledConfigDir, removeTree, writeTree } from '../support/project-paths.js';
import { assertSameAsFail2ban, skipWithoutFail2ban } from '../support/fail2ban-compare.js';

const expectedJails = [
  'sshd',
  'postfix',
  'postfix-sasl',
  'dovecot',
  'zimbra',
  'kopano-webapp',
  'qmail',
  'exim',
  'courier-auth',
  'sendmail-auth',
  'cyrus-imap',
  'roundcube-auth',
  'sogo-auth',
  'apache-auth',
  'vsftpd',
  'proftpd',
  'recidive',
];

function copyBundled(): string {
  const dir = writeTree({}, 'fail2nft-bundled-');
  cpSync(bundledConfigDir, dir, { recursive: true });
  return dir;
}

test('the bundled configuration loads without problems and every jail is disabled by default', () => {
  const result = loadConfig(bundledConfigDir);
  assert.deepEqual(result.problems, []);
  assert.deepEqual([...(result.config?.jails.map((j) => j.name) ?? [])].sort(), [...expectedJails].sort());
  assert.ok(result.config?.jails.every((j) => !j.enabled));
});

test('with every bundled jail enabled, each resolves its filter, ports, log paths and ban action', (t) => {
  const dir = copyBundled();
  t.after(() => removeTree(dir));
  writeFileSync(join(dir, 'jail.local'), expectedJails.map((n) => `[${n}]\nenabled = true\n`).join('\n'));
  const result = loadConfig(dir);
  assert.deepEqual(
    result.problems.filter((p) => p.severity === 'error'),
    [],
  );
  for (const jail of result.config?.jails ?? []) {
    assert.ok(jail.enabled, jail.name);
    assert.ok((jail.filter?.failregex.length ?? 0) > 0, `${jail.name} has failregexes`);
    assert.ok(jail.port !== undefined && jail.port !== '', `${jail.name} has ports`);
    assert.ok(jail.logpath.length > 0 || jail.backend.startsWith('systemd'), `${jail.name} has log paths`);
    assert.ok(jail.actions.length > 0, `${jail.name} has a ban action`);
  }
  const postfix = result.config?.jails.find((j) => j.name === 'postfix');
  const paths = postfix?.logpath.map((p) => p.pattern) ?? [];
  // Debian/Ubuntu, RHEL/Fedora and SUSE name the mail log differently.
  for (const path of ['/var/log/mail.log', '/var/log/maillog']) assert.ok(paths.includes(path), `${path} in ${paths.join(' ')}`);
  const recidive = result.config?.jails.find((j) => j.name === 'recidive');
  assert.equal(recidive?.actions[0]?.file, 'nftables-allports');
});

test('with every bundled jail enabled, fail2nft resolves them as fail2ban-client does', { skip: skipWithoutFail2ban }, (t) => {
  const dir = copyBundled();
  t.after(() => removeTree(dir));
  writeFileSync(join(dir, 'jail.local'), expectedJails.map((n) => `[${n}]\nenabled = true\n`).join('\n'));
  assert.equal(assertSameAsFail2ban(dir), expectedJails.length);
});

test('the example jail.local enables the mail jails', (t) => {
  const dir = copyBundled();
  t.after(() => removeTree(dir));
  copyFileSync(join(dir, 'examples', 'jail.local'), join(dir, 'jail.local'));
  const result = loadConfig(dir);
  assert.deepEqual(
    result.problems.filter((p) => p.severity === 'error'),
    [],
  );
  const enabled = result.config?.jails.filter((j) => j.enabled).map((j) => j.name) ?? [];
  for (const name of ['postfix', 'postfix-sasl', 'dovecot']) assert.ok(enabled.includes(name), `${name} enabled`);
  const sasl = result.config?.jails.find((j) => j.name === 'postfix-sasl');
  assert.equal(sasl?.filter?.params.mode, 'auth');
  assert.match(readFileSync(join(dir, 'jail.local'), 'utf8'), /postfix/);
});
