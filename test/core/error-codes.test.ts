// The error-code registry, the README's table of codes and the codes used in src stay in step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes } from '../../src/core/error-codes.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { projectRoot } from '../support/project-paths.js';

const registered = Object.keys(errorCodes).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

test('every registered code follows F2N_ERR_<AREA>_<PROBLEM> and has a message and a remedy', () => {
  for (const [code, info] of Object.entries(errorCodes)) {
    assert.match(code, /^F2N_ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/);
    assert.ok(info.message.length > 5, code);
    assert.ok(info.remedy.length > 10, code);
  }
});

test("the README's error table lists exactly the registered codes", () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const listed = [...readme.matchAll(/^\| `(F2N_ERR_[A-Z0-9_]+)` \|/gm)].map((m) => m[1] ?? '').sort();
  assert.deepEqual(listed, registered);
});

test('every code used in src is registered', () => {
  const used = new Set<string>();
  for (const file of sourceFiles(join(projectRoot, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'(F2N_ERR_[A-Z0-9_]+)'/g))
      used.add(match[1] ?? '');
  }
  for (const code of used) assert.ok(registered.includes(code), `${code} is used but not registered`);
});

test('an error carries its code, details and cause, and describes its position', () => {
  const cause = new Error('low level');
  const error = new Fail2nftError('F2N_ERR_CONFIG_SYNTAX', 'bad line', { file: 'jail.conf', line: 3 }, cause);
  assert.equal(error.code, 'F2N_ERR_CONFIG_SYNTAX');
  assert.equal(error.cause, cause);
  assert.equal(error.describe(), 'jail.conf:3: bad line');
  assert.equal(new Fail2nftError('F2N_ERR_INTERNAL').message, errorCodes.F2N_ERR_INTERNAL.message);
});
