import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mailVariantOf } from '../../../src/actions/mail/mail-variant.js';

test("fail2ban's sendmail and mail actions are native, with their whois, lines and buffering", () => {
  assert.deepEqual(mailVariantOf('sendmail'), { whois: false, lines: 'none', buffered: false });
  assert.deepEqual(mailVariantOf('sendmail-whois-lines'), { whois: true, lines: 'matches', buffered: false });
  assert.deepEqual(mailVariantOf('sendmail-whois-ipjailmatches'), {
    whois: true,
    lines: 'ipjailmatches',
    buffered: false,
  });
  assert.deepEqual(mailVariantOf('sendmail-buffered'), { whois: false, lines: 'none', buffered: true });
  assert.deepEqual(mailVariantOf('mail-whois'), { whois: true, lines: 'none', buffered: false });
});

test('other actions are not mail actions', () => {
  assert.equal(mailVariantOf('sendmail-geoip-lines'), undefined);
  assert.equal(mailVariantOf('complain'), undefined);
  assert.equal(mailVariantOf('dummy'), undefined);
  assert.equal(mailVariantOf('constructor'), undefined);
});
