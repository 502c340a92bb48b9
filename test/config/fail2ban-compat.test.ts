// The configuration fail2nft resolves equals what the real fail2ban-client resolves (Debian package,
// `fail2ban-client -c DIR -d`), jail by jail, for Debian's whole /etc/fail2ban with every jail enabled
// and for variations that exercise modes, action shortcuts, overrides and log path globs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSameAsFail2ban, debianConfig, skipWithoutFail2ban as skip } from '../support/fail2ban-compare.js';
import { removeTree, writeTree } from '../support/project-paths.js';
import { mailFilterTree } from '../support/mail-filter-tree.js';

function jailNames(directory: string): string[] {
  const text = readFileSync(join(directory, 'jail.conf'), 'utf8');
  return [...text.matchAll(/^\[([^\]]+)\]/gm)]
    .map((m) => m[1] ?? '')
    .filter((name) => name !== 'DEFAULT' && name !== 'INCLUDES');
}

function copyDebianConfig(): string {
  const dir = writeTree({}, 'fail2nft-debian-');
  cpSync(debianConfig, dir, { recursive: true });
  return dir;
}

test("Debian's /etc/fail2ban with every jail enabled resolves as fail2ban-client resolves it", { skip }, (t) => {
  const dir = copyDebianConfig();
  t.after(() => removeTree(dir));
  const names = jailNames(dir);
  assert.ok(names.length > 50, `expected Debian's many jails, found ${names.length}`);
  writeFileSync(join(dir, 'jail.local'), names.map((name) => `[${name}]\nenabled = true\n`).join('\n'));
  assert.equal(assertSameAsFail2ban(dir), names.length);
});

test('log path globs, head/tail and %(known/logpath)s resolve to the same files as fail2ban', { skip }, (t) => {
  const dir = copyDebianConfig();
  t.after(() => removeTree(dir));
  const logs = join(dir, 'logs');
  const names = jailNames(dir);
  const local: string[] = [];
  for (const [index, name] of names.entries()) {
    const own = join(logs, name);
    mkdirSync(own, { recursive: true });
    for (const file of ['a.log', 'b.log', 'extra.log', '.hidden.log']) writeFileSync(join(own, file), '');
    const known = index % 2 === 0 ? '%(known/logpath)s\n          ' : '';
    local.push(`[${name}]\nenabled = true\nlogpath = ${known}${own}/[ab].log\n          ${own}/extra.log tail\n`);
  }
  writeFileSync(join(dir, 'jail.local'), local.join('\n'));
  assertSameAsFail2ban(dir);
});

test('modes, action shortcuts, banactions, jail.d overrides and [DEFAULT] in .local resolve as fail2ban', { skip }, (t) => {
  const dir = copyDebianConfig();
  t.after(() => removeTree(dir));
  mkdirSync(join(dir, 'jail.d'), { recursive: true });
  writeFileSync(
    join(dir, 'jail.local'),
    [
      '[DEFAULT]',
      'bantime = 1h',
      'findtime = 30m',
      'maxretry = 4',
      'ignoreip = 127.0.0.1/8 ::1 192.0.2.0/24',
      'banaction = nftables-multiport',
      'banaction_allports = nftables-allports',
      'destemail = postmaster@example.org',
      'sender = fail2ban@example.org',
      '[sshd]',
      'enabled = true',
      'mode = aggressive',
      'action = %(action_mwl)s',
      '[postfix]',
      'enabled = true',
      'filter = postfix[mode=aggressive]',
      'action = %(action_mw)s',
      '[postfix-sasl]',
      'enabled = true',
      'bantime = 1d',
      '[dovecot]',
      'enabled = true',
      'action = %(action_)s',
      '         %(mta)s-whois[sender="%(sender)s", dest="%(destemail)s", protocol="%(protocol)s", chain="%(chain)s"]',
      '[recidive]',
      'enabled = true',
      '[exim]',
      'enabled = true',
      'mode = aggressive',
      '[courier-auth]',
      'enabled = true',
      'backend = systemd',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'jail.d', 'zz-site.local'), '[postfix-sasl]\nmaxretry = 2\nbantime.increment = true\n');
  writeFileSync(join(dir, 'jail.d', 'aa-site.conf'), '[dovecot]\nport = imap,imaps,pop3,pop3s\n');
  appendFileSync(join(dir, 'filter.d', 'dovecot.local'), '[Definition]\nignoreregex = ^ignored-by-site <HOST>$\n');
  assertSameAsFail2ban(dir);
});

test('a small hand-written tree with <mdre-<mode>>, [Init?family=inet6] and known/failregex resolves as fail2ban', { skip }, (t) => {
  const dir = writeTree({
    ...mailFilterTree,
    'jail.conf': [
      '[DEFAULT]',
      'port = 0:65535',
      'action = blocker[port="%(port)s"]',
      '         blocker[name=%(__name__)s-extra, port=25]',
      '         notify',
      '[mail]',
      'enabled = true',
      'filter = mail[mode=aggressive]',
      'port = smtp,submission',
      'logpath = /x',
      'failregex = %(known/failregex)s',
      '            ^extra <HOST>$',
      '[mail2]',
      'enabled = true',
      'filter = mail',
      'usedns = no',
      '',
    ].join('\n'),
  });
  t.after(() => removeTree(dir));
  assert.equal(assertSameAsFail2ban(dir), 2);
});
