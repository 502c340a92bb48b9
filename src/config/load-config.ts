// Entry of the config stage: loads a configuration directory in fail2ban's layout into one frozen,
// typed Fail2nftConfig, collecting every problem (with file and line) instead of stopping at the first.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Fail2nftError } from '../core/errors.js';
import { ProblemList, type ConfigProblem } from './config-problem.js';
import { ConfigFileReader, listFileSet } from './read-config-files.js';
import { resolveJail } from './resolve-jail.js';
import { readServiceSettings } from './service-settings.js';
import type { Fail2nftConfig, JailSettings } from './config-types.js';

export interface LoadResult {
  /** Present when there were no errors. */
  readonly config?: Fail2nftConfig;
  readonly problems: readonly ConfigProblem[];
}

export interface LoadOptions {
  /** Only these jails (by name); all when absent. */
  readonly jails?: readonly string[];
}

const fail2banCompatibleVersion = '1.0.2';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

export function loadConfig(directory: string, options: LoadOptions = {}): LoadResult {
  const baseDir = resolve(directory);
  const problems = new ProblemList();
  if (!existsSync(baseDir) || !statSync(baseDir).isDirectory()) {
    problems.error('F2N_ERR_CONFIG_NO_DIRECTORY', { file: baseDir, line: 0 }, `configuration directory ${baseDir} does not exist`);
    return { problems: problems.items };
  }
  const reader = new ConfigFileReader(problems);
  const serviceStore = listFileSet(baseDir, 'fail2nft').length > 0 ? reader.loadFileSet(baseDir, 'fail2nft') : undefined;
  const service = readServiceSettings(serviceStore, problems);
  const store = reader.loadFileSet(baseDir, 'jail');
  const jails: JailSettings[] = [];
  if (store !== undefined) {
    // Available to every option as fail2ban provides them.
    store.defaults.set('fail2ban_version', { value: fail2banCompatibleVersion, file: baseDir, line: 0 });
    store.defaults.set('fail2ban_confpath', { value: baseDir, file: baseDir, line: 0 });
    const context = { baseDir, store, reader, problems };
    for (const name of store.userSections()) {
      if (name === 'INCLUDES') continue;
      if (options.jails !== undefined && !options.jails.includes(name)) continue;
      const jail = resolveJail(context, name);
      if (jail !== undefined) jails.push(jail);
    }
  }
  if (problems.errors.length > 0) return { problems: problems.items };
  return { config: deepFreeze({ directory: baseDir, service, jails }), problems: problems.items };
}

/** Loads or throws one error listing every problem. */
export function loadConfigOrThrow(directory: string, options: LoadOptions = {}): Fail2nftConfig {
  const result = loadConfig(directory, options);
  if (result.config === undefined) {
    const first = result.problems.find((p) => p.severity === 'error');
    throw new Fail2nftError(
      first?.code ?? 'F2N_ERR_CONFIG_SYNTAX',
      result.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'),
      first === undefined ? {} : { file: first.file, line: first.line },
    );
  }
  return result.config;
}
