import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readServiceTable } from '../../src/firewall/read-service-table-io.js';
import {
  mergeServiceTables,
  parseServiceTable,
  wellKnownServiceTable,
} from '../../src/firewall/service-table.js';

test('an /etc/services text maps names and aliases to ports, the first entry of a name winning', () => {
  const table = parseServiceTable(
    [
      '# comment line',
      'smtp\t\t25/tcp\t\tmail',
      'submissions\t465/tcp\t\tssmtp smtps # Submission over TLS',
      'custom\t7000/udp',
      'custom\t7001/tcp',
      'broken\tnot-a-port',
      'huge\t70000/tcp',
      '',
    ].join('\n'),
  );
  assert.equal(table.get('smtp'), 25);
  assert.equal(table.get('mail'), 25);
  assert.equal(table.get('smtps'), 465);
  assert.equal(table.get('custom'), 7000);
  assert.equal(table.has('broken'), false);
  assert.equal(table.has('huge'), false);
  assert.equal(table.has('#'), false);
});

test("the system's names override the built-in ones, which fill the gaps", () => {
  const merged = mergeServiceTables(new Map([['ssh', 2222]]));
  assert.equal(merged.get('ssh'), 2222);
  assert.equal(merged.get('imap3'), 220);
});

test('reading a missing services file leaves the built-in names', async () => {
  assert.equal(await readServiceTable('/nonexistent/services'), wellKnownServiceTable);
  const dir = mkdtempSync(join(tmpdir(), 'f2n-services-'));
  writeFileSync(join(dir, 'services'), 'mine 4242/tcp\n');
  const table = await readServiceTable(join(dir, 'services'));
  assert.equal(table.get('mine'), 4242);
  assert.equal(table.get('submission'), 587);
});
