import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fail2banJailLocal,
  fail2nftJailLocal,
  fail2nftServiceLocal,
} from '../../../bench/side-by-side/config-texts.js';
import { scenarioOf } from '../../../bench/side-by-side/scenarios.js';

test("fail2ban bans through Debian's nftables action and keeps sshd off in the mail scenario", () => {
  const text = fail2banJailLocal(scenarioOf('mail', 1), '/tmp/x/mail.log');
  assert.match(text, /^banaction = nftables-multiport$/m);
  assert.match(text, /^\[sshd\]\nenabled = false$/m);
  assert.match(
    text,
    /^\[postfix\]\nenabled = true\nmode = more\nlogpath = \/tmp\/x\/mail.log\nmaxretry = 5$/m,
  );
  assert.doesNotMatch(text, /dummy/);
});

test('the sshd scenario enables sshd on both sides with the same policy', () => {
  const scenario = scenarioOf('sshd', 1);
  for (const text of [fail2banJailLocal(scenario, '/l'), fail2nftJailLocal(scenario, '/l')]) {
    assert.match(text, /^\[sshd\]\nenabled = true\nlogpath = \/l\nmaxretry = 5$/m);
    assert.match(text, /^ignoreip = 127\.0\.0\.1\/8 ::1$/m);
  }
});

test('the flood bans at the configured maxretry on both sides', () => {
  const scenario = scenarioOf('flood', 2);
  assert.match(
    fail2nftJailLocal(scenario, '/l'),
    /^\[dovecot\]\nenabled = true\nlogpath = \/l\nmaxretry = 2$/m,
  );
  assert.match(
    fail2banJailLocal(scenario, '/l'),
    /^\[dovecot\]\nenabled = true\nlogpath = \/l\nmaxretry = 2$/m,
  );
});

test('fail2nft runs the nftables firewall with an in-memory store', () => {
  const text = fail2nftServiceLocal('/tmp/f.log', 2);
  assert.match(text, /^firewall = nftables$/m);
  assert.match(text, /^dbfile = :memory:$/m);
  assert.match(text, /^workers = 2$/m);
});
