// `fail2nft start [--config DIR] [--foreground] [--dry-run]`: runs the service until SIGTERM or SIGINT.
// The service always runs in the foreground (systemd's Type=simple, or a terminal); --foreground is
// accepted for fail2ban-client's spelling. A real run opens the SQLite store and the configured kernel
// backend; a dry run keeps bans in memory and touches neither the kernel nor the database.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfigOrThrow, type ServiceSettings } from '../../config/index.js';
import { createLogger, type Logger } from '../../core/logger.js';
import {
  createDryRunBackend,
  createIpsetBackend,
  createNftablesBackend,
  type FirewallBackend,
} from '../../firewall/index.js';
import {
  createMetrics,
  createMetricsServer,
  parseMetricsAddress,
  type Fail2nftMetrics,
} from '../../observability/index.js';
import { MemoryBanStore, SqliteBanStore, ThreadedBanStore, type BanStore } from '../../persistence/index.js';
import { createControlServer } from '../../control/index.js';
import { createService } from '../../service.js';
import { controlHandlerOf } from '../control-handler-of.js';
import type { CliIo } from '../cli-io.js';
import { defaultConfigDir } from '../default-config-dir.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { logDestination, pinoLevel } from '../service-logging.js';

function backendFor(settings: ServiceSettings, dryRun: boolean): FirewallBackend {
  if (dryRun || settings.firewall === 'dry-run') return createDryRunBackend();
  if (settings.firewall === 'ipset') return createIpsetBackend();
  return createNftablesBackend({ table: settings.nftTable });
}

function storeFor(settings: ServiceSettings, path: string, dryRun: boolean): BanStore {
  // fail2ban's `dbfile = None` turns the database off: bans then live in memory only.
  if (dryRun || path === 'None') return new MemoryBanStore();
  if (path === ':memory:') return new SqliteBanStore({ path, synchronous: settings.dbsync });
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Writes on their own thread: better-sqlite3 would otherwise stall matching and deciding.
  return new ThreadedBanStore({ path, synchronous: settings.dbsync });
}

/** Writes the pid file (fail2ban's pidfile option); returns a function that removes it. */
function writePidFile(path: string, logger: Logger): () => void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    writeFileSync(path, `${process.pid}\n`, { mode: 0o644 });
  } catch (error) {
    logger.warn({ err: error, pidfile: path }, 'cannot write the pid file');
    return () => undefined;
  }
  return () => {
    rmSync(path, { force: true });
  };
}

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
      pidfile: { type: 'string' },
    },
    { min: 0, max: 0 },
  );
  const configDir = values.config ?? defaultConfigDir();
  const dryRun = values['dry-run'] === true;
  const settings = loadConfigOrThrow(configDir).service;
  const metricsText = values.metrics ?? settings.metrics;
  const metricsAddress =
    metricsText === '' || metricsText === 'off' ? undefined : parseMetricsAddress(metricsText);
  const destination = logDestination(values.logtarget ?? settings.logtarget);
  const logger: Logger = createLogger({
    level: pinoLevel(values.loglevel ?? settings.loglevel),
    destination,
    buffered: true,
    // JSON lines for files and the journal; readable lines when a person watches a terminal.
    pretty: (destination === 1 && process.stdout.isTTY) || (destination === 2 && process.stderr.isTTY),
  });
  const metrics: Fail2nftMetrics | undefined = metricsAddress === undefined ? undefined : createMetrics();
  const store = storeFor(settings, values.db ?? settings.dbfile, dryRun);
  const service = createService({
    configDir,
    logger,
    dryRun,
    store,
    backend: backendFor(settings, dryRun),
    runActions: !dryRun,
    ...(metrics === undefined ? {} : { metrics }),
  });
  const server =
    metrics === undefined || metricsAddress === undefined
      ? undefined
      : createMetricsServer({
          metrics,
          host: metricsAddress.host,
          port: metricsAddress.port,
          onError: (error) => {
            logger.warn({ err: error }, 'metrics scrape failed');
          },
        });
  const control = createControlServer({
    path: values.socket ?? settings.socket,
    handler: controlHandlerOf(service),
    logger: logger.child({ stage: 'control' }),
  });
  let removePidFile: () => void = () => undefined;
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'stopping');
    void service.stop();
  };
  const reloadOnSignal = (): void => {
    logger.info({ signal: 'SIGHUP' }, 'reloading');
    service.reload().catch((error: unknown) => {
      // The running jails stay as they were; the operator fixes the file and signals again.
      logger.error({ err: error }, 'reload failed; keeping the running configuration');
    });
  };
  process.on('SIGTERM', stopOnSignal);
  process.on('SIGINT', stopOnSignal);
  process.on('SIGHUP', reloadOnSignal);
  try {
    await service.start();
    await control.start();
    removePidFile = writePidFile(values.pidfile ?? settings.pidfile, logger);
    const listening = await server?.start();
    io.stderr(
      `fail2nft: started ${service.jails().length} jail(s)` +
        (dryRun ? ' (dry run: nothing reaches the kernel or the database)' : '') +
        (listening === undefined ? '' : `; metrics on http://${listening.host}:${listening.port}/metrics`) +
        '\n',
    );
    const error = await service.stopped();
    return error === undefined ? 0 : 1;
  } catch (error) {
    await service.stop();
    throw error;
  } finally {
    process.off('SIGTERM', stopOnSignal);
    process.off('SIGINT', stopOnSignal);
    process.off('SIGHUP', reloadOnSignal);
    removePidFile();
    await control.stop();
    await server?.stop();
    await store.close();
    logger.flush();
  }
}
