import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseCommandTemplate,
  renderCacheKey,
  renderTemplate,
} from '../../../src/decisions/ignore/ignore-command-template.js';
import { parseIpAddress } from '../../../src/core/ip-address.js';
import { Fail2nftError } from '../../../src/core/errors.js';

test('a template is split into words with quotes and backslashes, tags kept', () => {
  assert.deepEqual(parseCommandTemplate(`/usr/local/bin/check --ip=<ip> 'two words' "say \\"hi\\"" a\\ b`), [
    '/usr/local/bin/check',
    '--ip=<ip>',
    'two words',
    'say "hi"',
    'a b',
  ]);
});

function refused(template: string, why: RegExp): void {
  assert.throws(
    () => parseCommandTemplate(template),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_CONFIG_BAD_VALUE' &&
      why.test(error.message) &&
      /the command runs without a shell/.test(error.message),
    template,
  );
}

test('shell syntax is refused at configuration time', () => {
  refused('check <ip> | grep yes', /'\|'/);
  refused('check <ip> > /tmp/out', /'>'/);
  refused('check < /etc/passwd', /'<' redirection/);
  refused('check $HOME', /'\$'/);
  refused('check "$(id)"', /'\$' expansion/);
  refused('check `id`', /'`'/);
  refused('check; reboot', /';'/);
  refused('check && x', /'&'/);
  refused("check 'open", /unterminated quote/);
  refused('', /no command/);
  refused('<ip> x', /a tag as the program name/);
  refused('PATH=/tmp check', /an environment assignment/);
});

test('tags are replaced inside words and never add words', () => {
  const address = parseIpAddress('2001:db8::7')!;
  const words = parseCommandTemplate('check <ip> --family=<family> <fid> <F-USER> <unknown>');
  assert.deepEqual(renderTemplate(words, { address, id: '2001:DB8::7', user: 'a b; rm -rf /' }), [
    'check',
    '2001:db8::7',
    '--family=inet6',
    '2001:DB8::7',
    'a b; rm -rf /',
    '<unknown>',
  ]);
  assert.deepEqual(
    renderTemplate(['x', '<F-USER>'], { address: parseIpAddress('192.0.2.1')!, id: '192.0.2.1' }),
    ['x', '<F-USER>'],
  );
});

test('the cache key template renders with the same tags', () => {
  assert.equal(
    renderCacheKey('<ip>-<family>', { address: parseIpAddress('192.0.2.1')!, id: '192.0.2.1' }),
    '192.0.2.1-inet4',
  );
});
