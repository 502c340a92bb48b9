// The DecisionIo contract, run against the system implementation and the in-memory double.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DecisionIo } from '../../src/decisions/decision-io.js';
import { createSystemDecisionIo } from '../../src/decisions/system-decision-io.js';
import { removeTree, writeTree } from '../support/project-paths.js';
import { createMemoryDecisionIo } from './memory-decision-io.js';

interface Subject {
  readonly io: DecisionIo;
  readonly listPath: string;
  readonly ignoreArgv: readonly string[];
  readonly keepArgv: readonly string[];
  readonly cleanup: () => void;
}

const subjects: Record<string, () => Subject> = {
  system: () => {
    const dir = writeTree({ 'allow.list': '192.0.2.1\n' });
    return {
      io: createSystemDecisionIo(),
      listPath: join(dir, 'allow.list'),
      ignoreArgv: ['true'],
      keepArgv: ['false'],
      cleanup: () => removeTree(dir),
    };
  },
  memory: () => {
    const io = createMemoryDecisionIo();
    io.hosts.set('localhost', ['127.0.0.1']);
    io.files.set('/allow.list', '192.0.2.1\n');
    io.exits.set('yes', { code: 0, signal: null });
    return { io, listPath: '/allow.list', ignoreArgv: ['yes'], keepArgv: ['no'], cleanup: () => undefined };
  },
};

for (const [name, make] of Object.entries(subjects)) {
  test(`${name} DecisionIo: resolves localhost, reads lists, knows its own loopback, runs commands, draws randoms`, async (t) => {
    const subject = make();
    t.after(subject.cleanup);
    const { io } = subject;
    assert.ok((await io.resolveHost('localhost')).some((a) => a === '127.0.0.1' || a === '::1'));
    assert.equal(await io.readListFile(subject.listPath), '192.0.2.1\n');
    await assert.rejects(io.readListFile('/nonexistent/fail2nft.list'));
    assert.ok((await io.selfAddresses()).includes('127.0.0.1'));
    assert.equal((await io.runCommand(subject.ignoreArgv, 5000)).code, 0);
    assert.equal((await io.runCommand(subject.keepArgv, 5000)).code, 1);
    const r = io.random();
    assert.ok(r >= 0 && r < 1);
  });
}
