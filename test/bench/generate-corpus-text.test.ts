import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveCorpusOptions, type CorpusInput } from '../../bench/corpus/corpus-options.js';
import { generateCorpus, type CorpusTruth } from '../../bench/corpus/generate-corpus-text.js';
import { JAILS, type Jail } from '../../bench/corpus/line-kinds.js';
import { parseSyslogLine } from '../../bench/corpus/syslog-line.js';

function generate(input: CorpusInput): { text: string; truth: CorpusTruth } {
  const chunks: string[] = [];
  const truth = generateCorpus(resolveCorpusOptions(input), { write: (s) => chunks.push(s) });
  return { text: chunks.join(''), truth };
}

const small = {
  mail: { kind: 'mail', lines: 20000, seed: 5, attackers: 60, failureRatio: 0.05, truthPerAddress: true },
  sshd: { kind: 'sshd', lines: 20000, seed: 5, attackers: 60, failureRatio: 0.05, truthPerAddress: true },
  flood: { kind: 'flood', lines: 20000, seed: 5, addresses: 100000, truthPerAddress: true },
} as const satisfies Record<string, CorpusInput>;

const corpora = {
  mail: generate(small.mail),
  sshd: generate(small.sshd),
  flood: generate(small.flood),
};

function linesOf(text: string): string[] {
  assert.ok(text.endsWith('\n'));
  return text.slice(0, -1).split('\n');
}

test('the same seed gives byte-identical output and ground truth', () => {
  const again = generate(small.mail);
  assert.equal(again.text, corpora.mail.text);
  assert.deepEqual(again.truth, corpora.mail.truth);
});

test('another seed gives another corpus', () => {
  assert.notEqual(generate({ ...small.mail, seed: 6 }).text, corpora.mail.text);
});

test('every line of every kind parses as syslog, and timestamps never go back', () => {
  for (const [kind, { text }] of Object.entries(corpora)) {
    const lines = linesOf(text);
    assert.equal(lines.length, 20000, kind);
    let last = -1;
    for (const line of lines) {
      const parsed = parseSyslogLine(line);
      assert.ok(parsed !== undefined, `${kind}: ${line}`);
      const at = ((parsed.day * 24 + parsed.hour) * 60 + parsed.minute) * 60 + parsed.second;
      assert.ok(at >= last, `${kind}: time goes back at ${line}`);
      last = at;
      assert.ok(/^[\x20-\x7e]*$/.test(line), `${kind}: non-printable text in ${line}`);
    }
  }
});

test('the failure ratio is held close to its target', () => {
  for (const [kind, { truth }] of Object.entries(corpora)) {
    const target = truth.failureRatioTarget;
    assert.ok(Math.abs(truth.failureRatio - target) < 0.002, `${kind}: ${truth.failureRatio} vs ${target}`);
  }
  const sparse = generate({ kind: 'mail', lines: 20000, seed: 1, attackers: 30 }).truth;
  assert.ok(Math.abs(sparse.failureRatio - 0.03) < 0.002, String(sparse.failureRatio));
});

test('no failure wanted, no failure written', () => {
  const { truth } = generate({ kind: 'sshd', lines: 3000, failureRatio: 0, attackers: 0 });
  assert.equal(truth.failureLines, 0);
});

// An independent reading of the text, by the rules stated in line-kinds.ts, must give the ground
// truth's per-jail counts: the generator's kinds and its text cannot drift apart unnoticed.
function failureJail(
  message: string,
  program: string,
  injectedPids: Set<string>,
  pidKey: string,
): Jail | undefined {
  if (program.startsWith('postfix')) {
    if (/ SASL (LOGIN|PLAIN) authentication failed: /.test(message))
      return message.endsWith('Connection lost to authentication server') ? undefined : 'postfix-sasl';
    if (
      /^NOQUEUE: reject: RCPT from |^too many errors after |^improper command pipelining after /.test(message)
    )
      return 'postfix';
    return undefined;
  }
  if (program === 'auth' || program === 'dovecot') {
    if (/^pam_unix\(dovecot:auth\): authentication failure;/.test(message)) return 'dovecot';
    if (/^auth-worker\(\d+\): pam\(.*\): (pam_authenticate\(\) failed|unknown user)/.test(message))
      return 'dovecot';
    if (/^(imap|pop3)-login: (Disconnected|Aborted login) \(auth failed, /.test(message)) return 'dovecot';
    return undefined;
  }
  if (program === 'sshd') {
    if (/^Invalid user .* from 6\.6\.6\.6 from /.test(message)) injectedPids.add(pidKey);
    if (
      /^(Invalid user |Failed password for |error: maximum authentication attempts exceeded )/.test(message)
    )
      return 'sshd';
    if (message.startsWith('Received disconnect from ') && injectedPids.has(pidKey)) return 'sshd';
  }
  return undefined;
}

test('per-jail failure counts agree with an independent reading of the text', () => {
  for (const [kind, { text, truth }] of Object.entries(corpora)) {
    const counts: Record<Jail, number> = { postfix: 0, 'postfix-sasl': 0, dovecot: 0, sshd: 0 };
    const injected = new Set<string>();
    for (const line of linesOf(text)) {
      const parsed = parseSyslogLine(line);
      assert.ok(parsed !== undefined);
      const jail = failureJail(
        parsed.message,
        parsed.program,
        injected,
        `${parsed.program}[${parsed.pid ?? ''}]`,
      );
      if (jail !== undefined) counts[jail] += 1;
    }
    for (const jail of JAILS) assert.equal(truth.jails[jail].failures, counts[jail], `${kind} ${jail}`);
    assert.equal(
      JAILS.reduce((sum, jail) => sum + counts[jail], 0),
      truth.failureLines,
      kind,
    );
  }
});

test('the mail corpus has the variety the matchers must face', () => {
  const { text, truth } = corpora.mail;
  assert.match(text, /warning: unknown\[[0-9a-f:]+\]: SASL /);
  assert.match(text, /rip=::ffff:\d+\.\d+\.\d+\.\d+/);
  assert.match(text, /Relay access denied; from=</);
  assert.match(text, /User unknown in local recipient table/);
  assert.match(text, /imap-login: Login: user=<[^>]+>, method=PLAIN, rip=/);
  assert.match(text, /status=sent/);
  assert.ok(truth.jails['postfix-sasl'].bannedCount > 0);
  assert.ok(truth.jails.postfix.bannedCount > 0);
  assert.ok(truth.jails.dovecot.bannedCount > 0);
  // Many attackers stay below maxretry.
  for (const jail of ['postfix', 'postfix-sasl', 'dovecot'] as const) {
    const below = truth.jails[jail].addresses - truth.jails[jail].bannedCount;
    assert.ok(below > truth.jails[jail].bannedCount / 3, `${jail}: ${below} below`);
  }
});

test('ssh sessions interleave by pid and carry the structure OpenSSH logs', () => {
  const lines = linesOf(corpora.sshd.text);
  const firstAt = new Map<string, number>();
  let interleaved = 0;
  lines.forEach((line, index) => {
    const pid = /sshd\[(\d+)\]/.exec(line)?.[1];
    if (pid === undefined) return;
    const first = firstAt.get(pid);
    if (first === undefined) firstAt.set(pid, index);
    else if (
      index - first > 1 &&
      lines.slice(first + 1, index).some((l) => /sshd\[\d+\]/.test(l) && !l.includes(`sshd[${pid}]`))
    )
      interleaved++;
  });
  assert.ok(interleaved > 100, `only ${interleaved} interleaved`);
  const text = corpora.sshd.text;
  assert.match(text, /Failed password for root from \S+ port \d+ ssh2/);
  assert.match(text, /Failed password for invalid user \S+ from \S+ port \d+ ssh2/);
  assert.match(
    text,
    /pam_unix\(sshd:auth\): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=\S+ {2}user=root/,
  );
  assert.match(text, /Accepted publickey for \w+ from/);
  assert.match(text, /pam_unix\(sshd:session\): session closed for user/);
  assert.ok(corpora.sshd.truth.jails.sshd.bannedCount > 0);
});

test('an address smuggled into a user name is never counted, in any jail', () => {
  for (const { truth } of [corpora.mail, corpora.sshd, generate({ ...small.sshd, seed: 99, lines: 40000 })]) {
    for (const jail of JAILS) {
      assert.equal(truth.jails[jail].failuresByAddress?.['6.6.6.6'], undefined);
      assert.equal(truth.jails[jail].banned['6.6.6.6'], undefined);
    }
    assert.deepEqual(truth.neverBan, ['6.6.6.6']);
  }
  assert.match(corpora.sshd.text + corpora.mail.text, /from 6\.6\.6\.6/);
});

test('a flood spreads its failures over many addresses, each seen once or a few times', () => {
  const { truth } = corpora.flood;
  let addresses = 0;
  let most = 0;
  for (const jail of JAILS) {
    addresses += truth.jails[jail].addresses;
    for (const n of Object.values(truth.jails[jail].failuresByAddress ?? {})) most = Math.max(most, n);
  }
  assert.ok(addresses > truth.failureLines / 3, `${addresses} addresses for ${truth.failureLines} failures`);
  assert.ok(most <= 3, `an address failed ${most} times`);
});
