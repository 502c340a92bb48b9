import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigFileReader, listFileSet } from '../../src/config/read-config-files.js';
import { ProblemList } from '../../src/config/config-problem.js';
import { getOption } from '../../src/config/interpolate-value.js';
import { removeTree, writeTree } from '../support/project-paths.js';

function value(store: ReturnType<ConfigFileReader['loadFileSet']>, section: string, key: string): string | undefined {
  assert.ok(store);
  const found = getOption(store, section, key);
  return found.kind === 'value' ? found.value : undefined;
}

test('a file set is X.conf, X.d/*.conf, X.local, X.d/*.local in that order', (t) => {
  const dir = writeTree({
    'jail.conf': '[j]\na = conf\nb = conf\nc = conf\nd = conf\n',
    'jail.d/10-b.conf': '[j]\nb = d-conf\nc = d-conf\nd = d-conf\n',
    'jail.d/20-a.conf': '[j]\nb = d-conf-2\n',
    'jail.local': '[j]\nc = local\nd = local\n',
    'jail.d/z.local': '[j]\nd = d-local\n',
    'jail.d/ignored.txt': '[j]\na = nope\n',
  });
  t.after(() => removeTree(dir));
  assert.deepEqual(
    listFileSet(dir, 'jail').map((f) => f.slice(dir.length + 1)),
    ['jail.conf', 'jail.d/10-b.conf', 'jail.d/20-a.conf', 'jail.local', 'jail.d/z.local'],
  );
  const store = new ConfigFileReader(new ProblemList()).loadFileSet(dir, 'jail');
  assert.equal(value(store, 'j', 'a'), 'conf');
  assert.equal(value(store, 'j', 'b'), 'd-conf-2');
  assert.equal(value(store, 'j', 'c'), 'local');
  assert.equal(value(store, 'j', 'd'), 'd-local');
});

test('[INCLUDES] before is read first and after last, relative to the including file', (t) => {
  const dir = writeTree({
    'filter.d/common.conf': '[DEFAULT]\nprefix = common\nx = common\n',
    'filter.d/tail.conf': '[Definition]\nx = tail\n',
    'filter.d/f.conf': '[INCLUDES]\nbefore = common.conf\nafter = tail.conf\n[Definition]\nx = own\ny = %(prefix)s\n',
  });
  t.after(() => removeTree(dir));
  const store = new ConfigFileReader(new ProblemList()).loadFileSet(join(dir, 'filter.d'), 'f');
  assert.equal(value(store, 'Definition', 'x'), 'tail');
  assert.equal(value(store, 'Definition', 'y'), 'common');
  assert.deepEqual(
    store?.files.map((f) => f.slice(dir.length + 1)),
    ['filter.d/common.conf', 'filter.d/f.conf', 'filter.d/tail.conf'],
  );
});

test('each included file pulls its own .local right after it', (t) => {
  const dir = writeTree({
    'common.conf': '[DEFAULT]\nv = conf\n',
    'common.local': '[DEFAULT]\nv = local\n',
    'f.conf': '[INCLUDES]\nbefore = common.conf\n[Definition]\nr = %(v)s\n',
  });
  t.after(() => removeTree(dir));
  const store = new ConfigFileReader(new ProblemList()).loadFileSet(dir, 'f');
  assert.equal(value(store, 'Definition', 'r'), 'local');
});

test('includes recurse and loops are cut', (t) => {
  const dir = writeTree({
    'a.conf': '[INCLUDES]\nbefore = b.conf\n[DEFAULT]\nfrom_a = 1\n',
    'b.conf': '[INCLUDES]\nbefore = c.conf\n[DEFAULT]\nfrom_b = 1\n',
    'c.conf': '[INCLUDES]\nbefore = a.conf\n[DEFAULT]\nfrom_c = 1\n',
  });
  t.after(() => removeTree(dir));
  const problems = new ProblemList();
  const store = new ConfigFileReader(problems).loadFileSet(dir, 'a');
  assert.ok(store);
  assert.ok(store.files.length <= 6, `loop was not cut: ${store.files.length} files`);
  for (const key of ['from_a', 'from_b', 'from_c']) assert.equal(store.defaults.get(key)?.value, '1');
});

test('a missing before-include is a warning and missing .local includes are silent', (t) => {
  const dir = writeTree({ 'f.conf': '[INCLUDES]\nbefore = nope.conf\nafter = f-extra.local\n[Definition]\nx = 1\n' });
  t.after(() => removeTree(dir));
  const problems = new ProblemList();
  const store = new ConfigFileReader(problems).loadFileSet(dir, 'f');
  assert.equal(value(store, 'Definition', 'x'), '1');
  assert.equal(problems.errors.length, 0);
  assert.equal(problems.warnings.length, 1);
  assert.match(problems.warnings[0]?.message ?? '', /nope\.conf/);
  assert.equal(problems.warnings[0]?.line, 2);
});

test('a file set with no file at all is an error at the referencing line', (t) => {
  const dir = writeTree({ 'other.conf': '' });
  t.after(() => removeTree(dir));
  const problems = new ProblemList();
  const store = new ConfigFileReader(problems).loadFileSet(dir, 'missing', { file: 'jail.conf', line: 7 });
  assert.equal(store, undefined);
  assert.equal(problems.errors[0]?.code, 'F2N_ERR_CONFIG_MISSING_FILE');
  assert.equal(problems.errors[0]?.line, 7);
});

test('a value overridden by .local remains reachable as %(known/x)s', (t) => {
  const dir = writeTree({
    'jail.conf': '[sshd]\nlogpath = /var/log/auth.log\n',
    'jail.local': '[sshd]\nlogpath = %(known/logpath)s\n          /var/log/secure\n',
  });
  t.after(() => removeTree(dir));
  const store = new ConfigFileReader(new ProblemList()).loadFileSet(dir, 'jail');
  assert.equal(value(store, 'sshd', 'logpath'), '/var/log/auth.log\n/var/log/secure');
});
