// `fail2nft start [--config DIR] [--foreground] [--dry-run]`: runs the service until SIGTERM or SIGINT.
// The service always runs in the foreground (systemd's Type=simple, or a terminal); --foreground is
// accepted for fail2ban-client's spelling.
import { createLogger, type Logger } from '../../core/logger.js';
import { loadConfigOrThrow } from '../../config/index.js';
import { createService } from '../../service.js';
import { defaultConfigDir } from '../default-config-dir.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { logDestination, pinoLevel } from '../service-logging.js';
import { createBanSink } from '../ban-sink-of.js';

export async function runStart(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      config: { type: 'string', short: 'c' },
      foreground: { type: 'boolean', short: 'f' },
      'dry-run': { type: 'boolean' },
      socket: { type: 'string' },
      db: { type: 'string' },
      metrics: { type: 'string' },
      logtarget: { type: 'string' },
      loglevel: { type: 'string' },
    },
    { min: 0, max: 0 },
  );
  const configDir = values.config ?? defaultConfigDir();
  const dryRun = values['dry-run'] === true;
  const settings = loadConfigOrThrow(configDir).service;
  const logger: Logger = createLogger({
    level: pinoLevel(values.loglevel ?? settings.loglevel),
    destination: logDestination(values.logtarget ?? settings.logtarget),
  });
  const sink = await createBanSink({ settings, dryRun, logger });
  const service = createService({ configDir, logger, dryRun, sink });
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'stopping');
    void service.stop();
  };
  process.on('SIGTERM', stopOnSignal);
  process.on('SIGINT', stopOnSignal);
  try {
    await service.start();
    io.stderr(
      `fail2nft: started ${service.jails().length} jail(s)${dryRun ? ' (dry run: nothing reaches the kernel)' : ''}\n`,
    );
    const error = await service.stopped();
    return error === undefined ? 0 : 1;
  } finally {
    process.off('SIGTERM', stopOnSignal);
    process.off('SIGINT', stopOnSignal);
    logger.flush();
  }
}
