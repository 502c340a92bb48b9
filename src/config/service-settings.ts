// fail2nft.conf (+ .local, .d/): service-wide settings in the style of fail2ban.conf's [Definition].
import { getOption } from './interpolate-value.js';
import { parseInteger, parseTime } from './option-values.js';
import type { ConfigStore } from './config-store.js';
import type { ProblemList, SourceRef } from './config-problem.js';
import type { ServiceSettings } from './config-types.js';

export const defaultServiceSettings: ServiceSettings = {
  loglevel: 'INFO',
  logtarget: 'STDERR',
  socket: '/run/fail2nft/fail2nft.sock',
  pidfile: '/run/fail2nft/fail2nft.pid',
  dbfile: '/var/lib/fail2nft/fail2nft.sqlite3',
  dbpurgeage: 86400,
  dbmaxmatches: 10,
  dbsync: 'normal',
  metrics: '127.0.0.1:9191',
  workers: 0,
  batchSize: 4096,
  batchDelayMs: 5,
  firewall: 'nftables',
  nftTable: 'fail2nft',
  maxLineLength: 65536,
};

const logLevels = new Set(['CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG', 'TRACE', 'HEAVYDEBUG']);
const firewalls = new Set(['nftables', 'ipset', 'dry-run']);
const dbsyncs = new Set(['normal', 'full']);

export function readServiceSettings(store: ConfigStore | undefined, problems: ProblemList): ServiceSettings {
  if (store === undefined) return defaultServiceSettings;
  const section = 'Definition';
  const read = (key: string): { text: string; at: SourceRef } | undefined => {
    try {
      const found = getOption(store, section, key);
      return found.kind === 'value' ? { text: found.value.trim(), at: found.at } : undefined;
    } catch (error) {
      problems.capture(error, { file: store.files[0] ?? '', line: 0 });
      return undefined;
    }
  };
  const convert = <T>(key: string, fallback: T, parse: (text: string) => T): T => {
    const value = read(key);
    if (value === undefined || value.text === '') return fallback;
    try {
      return parse(value.text);
    } catch (error) {
      problems.capture(error, value.at);
      return fallback;
    }
  };
  const choice = <T extends string>(key: string, allowed: ReadonlySet<string>, fallback: T, normalise: (s: string) => string): T =>
    convert(key, fallback, (text) => {
      const value = normalise(text);
      if (!allowed.has(value)) {
        const at = read(key)?.at ?? { file: '', line: 0 };
        problems.error('F2N_ERR_CONFIG_BAD_VALUE', at, `${key} must be one of ${[...allowed].join(', ')}, not '${text}'`);
        return fallback;
      }
      return value as T;
    });
  const d = defaultServiceSettings;
  const delay = convert('batch.delay', d.batchDelayMs / 1000, (text) => parseTime(text.replace(/ms$/, ''), 'batch.delay') / (text.endsWith('ms') ? 1000 : 1));
  return {
    loglevel: choice('loglevel', logLevels, d.loglevel, (s) => s.toUpperCase()),
    logtarget: convert('logtarget', d.logtarget, (s) => s),
    socket: convert('socket', d.socket, (s) => s),
    pidfile: convert('pidfile', d.pidfile, (s) => s),
    dbfile: convert('dbfile', d.dbfile, (s) => s),
    dbpurgeage: convert('dbpurgeage', d.dbpurgeage, (s) => parseTime(s, 'dbpurgeage')),
    dbmaxmatches: convert('dbmaxmatches', d.dbmaxmatches, (s) => parseInteger(s, 'dbmaxmatches')),
    dbsync: choice('dbsync', dbsyncs, d.dbsync, (s) => s.toLowerCase()),
    metrics: convert('metrics', d.metrics, (s) => s),
    workers: convert('workers', d.workers, (s) => (s.toLowerCase() === 'auto' ? 0 : parseInteger(s, 'workers'))),
    batchSize: convert('batch.size', d.batchSize, (s) => parseInteger(s, 'batch.size')),
    batchDelayMs: delay * 1000,
    firewall: choice('firewall', firewalls, d.firewall, (s) => s.toLowerCase()),
    nftTable: convert('nft.table', d.nftTable, (s) => s),
    maxLineLength: convert('maxlinelength', d.maxLineLength, (s) => parseInteger(s, 'maxlinelength')),
  };
}
