import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileSink, writeTruthFile } from '../../bench/corpus/write-corpus-files.js';
import { resolveCorpusOptions } from '../../bench/corpus/corpus-options.js';
import { generateCorpus } from '../../bench/corpus/generate-corpus-text.js';
import { removeTree, writeTree } from '../support/project-paths.js';

test('the file sink writes every byte across buffer flushes, in order', () => {
  const dir = writeTree({});
  try {
    const path = join(dir, 'deep', 'out.log');
    const sink = createFileSink(path);
    const line = `${'x'.repeat(99)}\n`;
    let expected = 0;
    for (let i = 0; i < 50000; i++) {
      sink.write(`${i} ${line}`);
      expected += `${i} ${line}`.length;
    }
    assert.equal(sink.close(), expected);
    const text = readFileSync(path, 'latin1');
    assert.equal(text.length, expected);
    assert.ok(text.startsWith(`0 ${line}1 ${line}`));
    assert.ok(text.endsWith(`49999 ${line}`));
  } finally {
    removeTree(dir);
  }
});

test('a corpus written to a file equals the one generated in memory, and its truth is JSON', () => {
  const dir = writeTree({});
  try {
    const options = resolveCorpusOptions({ kind: 'mail', lines: 3000, seed: 12, out: join(dir, 'm.log') });
    const sink = createFileSink(join(dir, 'm.log'));
    const truth = generateCorpus(options, sink);
    sink.close();
    const chunks: string[] = [];
    generateCorpus(options, { write: (s) => chunks.push(s) });
    assert.equal(readFileSync(join(dir, 'm.log'), 'latin1'), chunks.join(''));
    writeTruthFile(join(dir, 'm.log.truth.json'), truth);
    assert.deepEqual(
      JSON.parse(readFileSync(join(dir, 'm.log.truth.json'), 'utf8')),
      JSON.parse(JSON.stringify(truth)),
    );
  } finally {
    removeTree(dir);
  }
});
