import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMailSettings } from '../../../src/actions/mail/mail-settings.js';
import { Fail2nftError } from '../../../src/core/errors.js';
import { hostNames } from '../action-test-kit.js';

const context = { jail: 'sshd', action: 'sendmail-whois' };

test("fail2ban's sendmail-common options give sender, From, recipients and the sendmail argv", () => {
  const settings = readMailSettings(
    {
      dest: 'root@localhost, ops@example.org',
      sender: 'root@<fq-hostname>',
      sendername: 'Fail2Ban',
      mailcmd: '/usr/lib/sendmail -f "<sender>" "<dest>"',
    },
    context,
    hostNames,
  );
  assert.deepEqual(settings, {
    recipients: ['root@localhost', 'ops@example.org'],
    sender: 'root@mx1.example.org',
    from: '"Fail2Ban" <root@mx1.example.org>',
    sendmailArgv: ['/usr/lib/sendmail', '-t', '-i', '-f', 'root@mx1.example.org'],
    lines: 5,
    subjectPrefix: '[fail2nft]',
  });
});

test('sendmailcmd wins; a mail-program mailcmd is not used; without sender there is no -f', () => {
  const settings = readMailSettings(
    { sendmailcmd: '/opt/bin/msmtp --read-envelope-from', mailcmd: "mail -E 'set escape' -s" },
    context,
    hostNames,
  );
  assert.deepEqual(settings.sendmailArgv, ['/opt/bin/msmtp', '--read-envelope-from', '-t', '-i']);
  assert.deepEqual(settings.recipients, ['root']);
  assert.equal(settings.from, undefined);
  assert.deepEqual(
    readMailSettings({ mailcmd: "mail -E 'set escape' -s" }, context, hostNames).sendmailArgv,
    ['/usr/sbin/sendmail', '-t', '-i'],
  );
});

test('whoiscmd, lines and subjectprefix are read', () => {
  const settings = readMailSettings(
    { whoiscmd: '/usr/local/bin/whois -H', lines: '3', subjectprefix: '[Fail2Ban]' },
    context,
    hostNames,
  );
  assert.deepEqual(settings.whoisArgv, ['/usr/local/bin/whois', '-H']);
  assert.equal(settings.lines, 3);
  assert.equal(settings.subjectPrefix, '[Fail2Ban]');
});

test('each bad option is refused with F2N_ERR_ACTION_BAD_OPTION naming it', () => {
  const optionOf = (options: Record<string, string>) => {
    try {
      readMailSettings(options, context, hostNames);
      return undefined;
    } catch (error) {
      assert.ok(error instanceof Fail2nftError);
      assert.equal(error.code, 'F2N_ERR_ACTION_BAD_OPTION');
      return error.details.option;
    }
  };
  assert.equal(optionOf({ sender: '-oQ/tmp/x' }), 'sender');
  assert.equal(optionOf({ sender: 'a b' }), 'sender');
  assert.equal(optionOf({ dest: 'root\nBcc: x' }), undefined); // split into words, each checked
  assert.equal(optionOf({ dest: '-bd' }), 'dest');
  assert.equal(optionOf({ dest: ' , ' }), 'dest');
  assert.equal(optionOf({ lines: '0' }), 'lines');
  assert.equal(optionOf({ lines: 'five' }), 'lines');
});
