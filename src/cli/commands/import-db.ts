// `fail2nft import-db FAIL2BAN_DB [--config DIR] [--db FILE] [--json]`: brings the active bans and the
// ban history of an existing fail2ban database (e.g. /var/lib/fail2ban/fail2ban.sqlite3) into
// fail2nft's store. The fail2ban file is opened read-only. The service puts the imported active bans
// into the kernel at its next start (or reload of the store: restart it).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfigOrThrow } from '../../config/index.js';
import { systemClock } from '../../core/clock.js';
import { importFail2banDb, SqliteBanStore } from '../../persistence/index.js';
import type { CliIo } from '../cli-io.js';
import { defaultConfigDir } from '../default-config-dir.js';
import { parseCommandArgs } from '../parse-command-args.js';

export async function runImportDb(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      config: { type: 'string', short: 'c' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    },
    { min: 1, max: 1 },
  );
  const source = positionals[0] ?? '';
  const target = values.db ?? loadConfigOrThrow(values.config ?? defaultConfigDir()).service.dbfile;
  if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const store = new SqliteBanStore({ path: target });
  try {
    // The wall clock decides which imported bans are still active.
    const report = await importFail2banDb(source, store, systemClock.now());
    if (values.json === true) io.stdout(`${JSON.stringify({ from: source, to: target, ...report })}\n`);
    else {
      io.stdout(
        `imported ${source} into ${target}: ${report.jails} jail(s), ${report.bans} ban record(s), ` +
          `${report.active} active, ${report.history} in the history, ${report.skipped} skipped\n`,
      );
      for (const example of report.skippedExamples) io.stdout(`  skipped: ${example}\n`);
      if (report.unknownBanTime > 0)
        io.stdout(`  ${report.unknownBanTime} record(s) had no known ban time: kept as history only\n`);
      io.stdout('Start (or restart) fail2nft to put the active bans into the kernel.\n');
    }
    return 0;
  } finally {
    await store.close();
  }
}
