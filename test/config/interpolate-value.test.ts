import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigStore } from '../../src/config/config-store.js';
import { getOption } from '../../src/config/interpolate-value.js';
import { parseIniText } from '../../src/config/parse-ini-text.js';
import { ProblemList } from '../../src/config/config-problem.js';
import { Fail2nftError } from '../../src/core/errors.js';

function store(...texts: string[]): ConfigStore {
  const problems = new ProblemList();
  const files = texts.map((text, i) => parseIniText(text, `f${i}.conf`, problems));
  assert.deepEqual(problems.items, []);
  return ConfigStore.fromFiles(files);
}

function get(s: ConfigStore, section: string, key: string, vars?: Map<string, string>): string | undefined {
  const found = getOption(s, section, key, vars);
  return found.kind === 'value' ? found.value : undefined;
}

test('%(name)s takes the value from the section, then [DEFAULT]', () => {
  const s = store('[DEFAULT]\nport = 22\nproto = tcp\n[j]\nproto = udp\nrule = %(port)s/%(proto)s\n');
  assert.equal(get(s, 'j', 'rule'), '22/udp');
});

test('references nest and %% is a literal percent', () => {
  const s = store('[j]\na = %(b)s!\nb = %(c)s%%\nc = 5\n');
  assert.equal(get(s, 'j', 'a'), '5%!');
});

test('%(__name__)s is the section name', () => {
  const s = store('[DEFAULT]\nfilter = %(__name__)s[mode=x]\n[sshd]\n[postfix]\n');
  assert.equal(get(s, 'sshd', 'filter'), 'sshd[mode=x]');
  assert.equal(get(s, 'postfix', 'filter'), 'postfix[mode=x]');
});

test('variables passed by the caller win over the section', () => {
  const s = store('[Definition]\nx = %(port)s\nport = 1\n');
  assert.equal(get(s, 'Definition', 'x', new Map([['port', '25']])), '25');
});

test('%(known/x)s is the value before the last override, else [DEFAULT]', () => {
  const s = store(
    '[DEFAULT]\nlogpath = /default.log\n[j]\nfailregex = base\n',
    '[j]\nfailregex = %(known/failregex)s\n  extra\nlogpath = %(known/logpath)s\n  /other.log\n',
  );
  assert.equal(get(s, 'j', 'failregex'), 'base\nextra');
  assert.equal(get(s, 'j', 'logpath'), '/default.log\n/other.log');
});

test('%(default/x)s and %(section/x)s read other sections', () => {
  const s = store('[DEFAULT]\nx = d\n[a]\nx = a\ny = 1\n[b]\nx = b\nr = %(default/x)s %(a/x)s %(a/y)s\n');
  assert.equal(get(s, 'b', 'r'), 'd a 1');
});

test('a missing reference names the option and the section, with its position', () => {
  const s = store('[j]\n\nrule = %(nope)s\n');
  assert.throws(
    () => get(s, 'j', 'rule'),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_CONFIG_INTERPOLATION' &&
      error.details.line === 3 &&
      /%\(nope\)s/.test(error.message),
  );
});

test('a lone % is an error', () => {
  const s = store('[j]\nrule = 100%\n');
  assert.throws(() => get(s, 'j', 'rule'), /'%' must be followed by/);
});

test('a reference loop stops at depth 10', () => {
  const s = store('[j]\na = %(b)s\nb = %(a)s\n');
  assert.throws(
    () => get(s, 'j', 'a'),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_CONFIG_INTERPOLATION_DEPTH',
  );
});

test('a missing option or section is reported as such, not thrown', () => {
  const s = store('[j]\na = 1\n');
  assert.deepEqual(getOption(s, 'j', 'b'), { kind: 'no-option' });
  assert.deepEqual(getOption(s, 'nope', 'a'), { kind: 'no-section' });
});

test('later files override key by key and conditional sections merge with suffixed keys', () => {
  const s = store('[Init]\na = 1\nb = 2\n', '[Init]\nb = 3\n[Init?family=inet6]\na = 6\n');
  assert.equal(get(s, 'Init', 'a'), '1');
  assert.equal(get(s, 'Init', 'b'), '3');
  assert.equal(get(s, 'Init', 'a?family=inet6'), '6');
  assert.equal(s.sections.get('KNOWN/Init')?.get('b')?.value, '2');
});
