import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load-config.js';
import type { JailSettings } from '../../src/config/config-types.js';
import { removeTree, writeTree } from '../support/project-paths.js';
import { mailFilterTree as filterFiles } from '../support/mail-filter-tree.js';


function load(files: Record<string, string>) {
  const dir = writeTree({ ...filterFiles, ...files });
  const result = loadConfig(dir);
  return { dir, result };
}

function jail(result: ReturnType<typeof loadConfig>, name: string): JailSettings {
  const found = result.config?.jails.find((j) => j.name === name);
  assert.ok(found, `jail ${name} not found; problems: ${JSON.stringify(result.problems)}`);
  return found;
}

test('a jail resolves its filter with parameters, <mdre-<mode>> tags and [Init] values', (t) => {
  const { dir, result } = load({
    'jail.conf': '[DEFAULT]\nbantime = 1h30m\nfindtime = 10m\n[mail]\nenabled = true\nfilter = mail[mode=aggressive]\nlogpath = /nonexistent/mail.log\n',
  });
  t.after(() => removeTree(dir));
  const mail = jail(result, 'mail');
  assert.equal(mail.filter?.name, 'mail');
  assert.deepEqual(mail.filter?.params, { mode: 'aggressive' });
  assert.deepEqual(mail.filter?.failregex, ['^auth failed from <HOST>$', '^relay denied from <HOST>$']);
  assert.deepEqual(mail.filter?.ignoreregex, ['^ignored <HOST>$']);
  assert.equal(mail.filter?.prefregex, '^\\s*mail\\[\\d+\\]:\\s+<F-CONTENT>.+</F-CONTENT>$');
  assert.equal(mail.filter?.maxlines, 2);
  assert.equal(mail.filter?.datepattern, '{^LN-BEG}');
  assert.deepEqual(mail.filter?.journalmatch, [['_SYSTEMD_UNIT=mail.service', '+', '_COMM=mail']]);
  assert.equal(mail.bantime, 5400);
  assert.equal(mail.findtime, 600);
  assert.deepEqual(mail.logpath, [{ pattern: '/nonexistent/mail.log', start: 'head' }]);
});

test('disabled jails are listed but their filters are not read', (t) => {
  const { dir, result } = load({ 'jail.conf': '[off]\nfilter = does-not-exist\n' });
  t.after(() => removeTree(dir));
  assert.deepEqual(result.problems, []);
  assert.equal(jail(result, 'off').enabled, false);
});

test('a jail can extend its filter through %(known/failregex)s and override other filter options', (t) => {
  const { dir, result } = load({
    'jail.conf':
      '[mail]\nenabled = true\nfilter = mail\nfailregex = %(known/failregex)s\n            ^extra <HOST>$\ndatepattern = %%Y-%%m-%%d\nlogpath = /x\n',
  });
  t.after(() => removeTree(dir));
  const mail = jail(result, 'mail');
  assert.deepEqual(mail.filter?.failregex, ['^auth failed from <HOST>$', '^extra <HOST>$']);
  assert.equal(mail.filter?.datepattern, '%Y-%m-%d');
});

test('actions get jail name, unique actname, parameters and [Init] defaults; tags stay for ban time', (t) => {
  const { dir, result } = load({
    'jail.conf': [
      '[DEFAULT]',
      'port = 0:65535',
      'action = blocker[port="%(port)s"]',
      '         blocker[name=%(__name__)s-extra, port=25]',
      '         notify',
      '[mail]',
      'enabled = true',
      'filter = mail',
      'port = smtp,submission',
      'logpath = /x',
      '',
    ].join('\n'),
  });
  t.after(() => removeTree(dir));
  const mail = jail(result, 'mail');
  assert.deepEqual(
    mail.actions.map((a) => a.name),
    ['blocker', 'blocker-extra', 'notify'],
  );
  const first = mail.actions[0];
  assert.equal(first?.options.actionban, 'block <ip> port smtp,submission in <table>');
  assert.equal(first?.options.port, 'smtp,submission');
  assert.equal(first?.options['table?family=inet6'], 't6-<name>');
  assert.equal(mail.actions[1]?.options.actionban, 'block <ip> port 25 in <table>');
  assert.equal(mail.actions[2]?.options.actionban, 'notify root about <ip>');
  assert.equal(mail.port, 'smtp,submission');
});

test('every typed jail option is converted: times, booleans, lists, head/tail, bantime.increment', (t) => {
  const { dir, result } = load({
    'jail.conf': [
      '[mail]',
      'enabled = yes',
      'filter = mail',
      'maxretry = 7',
      'maxmatches = 2',
      'findtime = 1d',
      'bantime = -1',
      'ignoreip = 127.0.0.1/8 ::1, 192.0.2.0/24',
      '           example.org',
      'ignoreself = off',
      'ignorecommand = /usr/local/bin/check <ip>',
      'ignorecache = key="<ip>", max-count=50, max-time=5m',
      'logpath = /var/log/a.log',
      '          /var/log/b*.log tail',
      'logtimezone = UTC',
      'bantime.increment = true',
      'bantime.factor = 2',
      'bantime.multipliers = 1 5 30 60',
      'bantime.maxtime = 5w',
      'bantime.rndtime = 10m',
      'bantime.overalljails = true',
      '',
    ].join('\n'),
  });
  t.after(() => removeTree(dir));
  const mail = jail(result, 'mail');
  assert.equal(mail.maxretry, 7);
  assert.equal(mail.maxmatches, 2);
  assert.equal(mail.findtime, 86400);
  assert.equal(mail.bantime, -1);
  assert.deepEqual(mail.ignoreip, ['127.0.0.1/8', '::1', '192.0.2.0/24', 'example.org']);
  assert.equal(mail.ignoreself, false);
  assert.equal(mail.ignorecommand, '/usr/local/bin/check <ip>');
  assert.deepEqual(mail.ignorecache, { key: '<ip>', maxCount: 50, maxTime: 300 });
  assert.deepEqual(mail.logpath, [
    { pattern: '/var/log/a.log', start: 'head' },
    { pattern: '/var/log/b*.log', start: 'tail' },
  ]);
  assert.equal(mail.logtimezone, 'UTC');
  assert.deepEqual(mail.bantimeIncrement, {
    enabled: true,
    factor: 2,
    multipliers: [1, 5, 30, 60],
    maxtime: 5 * 604800,
    rndtime: 600,
    overalljails: true,
  });
});

test('the systemd backend reads the journal: no log paths, journalmatch kept', (t) => {
  const { dir, result } = load({
    'jail.conf': '[mail]\nenabled = true\nfilter = mail\nbackend = systemd\nlogpath = /var/log/mail.log\n',
  });
  t.after(() => removeTree(dir));
  const mail = jail(result, 'mail');
  assert.deepEqual(mail.logpath, []);
  assert.equal(mail.filter?.journalmatch.length, 1);
});

test('options fail2nft does not support yet are warnings with file and line, not failures', (t) => {
  const { dir, result } = load({
    'jail.conf': '[mail]\nenabled = true\nfilter = mail\nlogpath = /x\nusedns = yes\naction = custom.py\n',
  });
  t.after(() => removeTree(dir));
  assert.ok(result.config);
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  assert.equal(warnings.length, 2);
  assert.ok(warnings.every((w) => w.file.endsWith('jail.conf') && w.line > 0 && w.code === 'F2N_ERR_CONFIG_UNSUPPORTED'));
  assert.deepEqual(
    warnings.map((w) => w.line).sort(),
    [5, 6],
  );
});

test('all problems are reported at once, each with its file and line', (t) => {
  const { dir, result } = load({
    'jail.conf': [
      '[a]',
      'enabled = true',
      'filter = mail',
      'bantime = soon',
      'maxretry = many',
      'logpath = /x',
      '[b]',
      'enabled = maybe',
      '[c]',
      'enabled = true',
      'filter = nothing-here',
      '',
    ].join('\n'),
  });
  t.after(() => removeTree(dir));
  assert.equal(result.config, undefined);
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(
    errors.map((e) => [e.code, e.line]),
    [
      ['F2N_ERR_CONFIG_BAD_INTEGER', 5],
      ['F2N_ERR_CONFIG_BAD_TIME', 4],
      ['F2N_ERR_CONFIG_BAD_BOOLEAN', 8],
      ['F2N_ERR_CONFIG_MISSING_FILE', 11],
    ].map(([code, line]) => [code === 'F2N_ERR_CONFIG_BAD_INTEGER' ? 'F2N_ERR_CONFIG_BAD_VALUE' : code, line]),
  );
});

test('the loaded configuration is frozen', (t) => {
  const { dir, result } = load({ 'jail.conf': '[mail]\nenabled = true\nfilter = mail\nlogpath = /x\n' });
  t.after(() => removeTree(dir));
  const mail = jail(result, 'mail');
  assert.ok(Object.isFrozen(result.config));
  assert.ok(Object.isFrozen(mail));
  assert.ok(Object.isFrozen(mail.filter?.failregex));
});

test('a missing directory is an error', () => {
  const result = loadConfig('/nonexistent/fail2nft-config');
  assert.equal(result.problems[0]?.code, 'F2N_ERR_CONFIG_NO_DIRECTORY');
});
