// Loading a filter on its own gives the same rules fail2ban resolves for a jail using that filter,
// for every filter file Debian ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFilter } from '../../src/config/load-filter.js';
import { fail2banAvailable, fail2banDump, foldDump } from '../support/fail2ban-reference.js';
import { removeTree, writeTree } from '../support/project-paths.js';

const debian = '/etc/fail2ban';
const skip =
  (fail2banAvailable() && existsSync(join(debian, 'filter.d'))) || process.env.CI === 'true'
    ? false
    : 'fail2ban (Debian package) is not installed: apt-get install fail2ban';

test("every Debian filter loads on its own with the rules fail2ban gives a jail using it", { skip }, (t) => {
  const dir = writeTree({}, 'fail2nft-filters-');
  t.after(() => removeTree(dir));
  cpSync(debian, dir, { recursive: true });
  const names = readdirSync(join(dir, 'filter.d'))
    .filter((f) => f.endsWith('.conf'))
    .map((f) => f.slice(0, -5))
    .filter((name) => !name.endsWith('-common') && name !== 'common' && name !== 'ignorecommands');
  const jails = names.map((name) => `[f-${name}]\nenabled = true\nfilter = ${name}\nlogpath = /dev/null\naction =\n`);
  writeFileSync(join(dir, 'jail.local'), jails.join('\n'));
  const reference = foldDump(fail2banDump(dir));
  let compared = 0;
  for (const name of names) {
    const expected = reference.get(`f-${name}`);
    if (expected === undefined) continue;
    const result = loadFilter({ configDir: dir, filter: name });
    assert.deepEqual(
      result.problems.filter((p) => p.severity === 'error'),
      [],
      name,
    );
    assert.deepEqual(result.filter?.failregex, expected.failregex, `${name} failregex`);
    assert.deepEqual(result.filter?.ignoreregex, expected.ignoreregex, `${name} ignoreregex`);
    assert.equal(result.filter?.prefregex, expected.prefregex, `${name} prefregex`);
    assert.equal(result.filter?.datepattern, expected.datepattern, `${name} datepattern`);
    assert.equal(result.filter?.maxlines, expected.maxlines ?? 1, `${name} maxlines`);
    compared++;
  }
  assert.ok(compared > 60, `compared only ${compared} filters`);
});

test('a filter given as a path with parameters loads, and a missing one is an error', { skip }, () => {
  const result = loadFilter({
    configDir: '/nonexistent',
    filter: join(debian, 'filter.d', 'postfix.conf'),
    params: new Map([['mode', 'auth']]),
  });
  assert.equal(result.filter?.name, 'postfix');
  assert.ok(result.filter?.failregex.some((r) => r.includes('authentication failed')));
  assert.equal(loadFilter({ configDir: debian, filter: 'no-such-filter' }).problems[0]?.code, 'F2N_ERR_CONFIG_MISSING_FILE');
});
