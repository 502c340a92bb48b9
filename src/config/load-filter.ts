// Loads one filter on its own, as fail2ban-regex and fail2ban's sample tests do: by name from a
// configuration directory's filter.d (with .local and .d/ layering), or a filter file anywhere (with its
// includes), with `name[key=value]` parameters.
import { basename, dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { DefinitionFile } from './definition-file.js';
import { appendFilterCommands, filterOptionNames, foldFilterStream, type StreamCommand } from './filter-stream.js';
import { ProblemList, type ConfigProblem } from './config-problem.js';
import { ConfigFileReader } from './read-config-files.js';
import type { FilterSettings } from './config-types.js';

export interface FilterLoadRequest {
  /** A configuration directory holding filter.d/ (used when `filter` is a name). */
  readonly configDir: string;
  /** A filter name (`postfix`) or a path to a filter file. */
  readonly filter: string;
  readonly params?: ReadonlyMap<string, string>;
  /** 'journal' for journal lines (sets the filter's logtype like backend = systemd). */
  readonly logtype?: 'file' | 'journal';
}

export interface FilterLoadResult {
  readonly filter?: FilterSettings;
  readonly problems: readonly ConfigProblem[];
}

function looksLikePath(filter: string): boolean {
  return filter.includes('/') || extname(filter) === '.conf' || extname(filter) === '.local';
}

export function loadFilter(request: FilterLoadRequest): FilterLoadResult {
  const problems = new ProblemList();
  const reader = new ConfigFileReader(problems);
  const params = new Map(request.params ?? []);
  let name = request.filter;
  let store;
  if (looksLikePath(request.filter) && existsSync(request.filter)) {
    name = basename(request.filter, extname(request.filter));
    store =
      basename(dirname(request.filter)) === 'filter.d'
        ? reader.loadFileSet(dirname(request.filter), name)
        : reader.loadExplicitFile(request.filter);
  } else {
    store = reader.loadFileSet(join(request.configDir, 'filter.d'), request.filter);
  }
  if (store === undefined) return { problems: problems.items };
  const at = { file: store.files.at(-1) ?? request.filter, line: 0 };
  try {
    const definition = new DefinitionFile(store, params);
    if (!definition.initOpts.has('logtype') && !definition.hasOwnDefinitionOption('logtype')) {
      definition.initOpts.set('logtype', request.logtype ?? 'file');
    }
    definition.readOptions(filterOptionNames, new Map(), false);
    const stream: StreamCommand[] = [];
    appendFilterCommands(stream, definition.combined());
    const folded = foldFilterStream(stream, problems, at);
    if (problems.errors.length > 0) return { problems: problems.items };
    return {
      filter: { name, params: Object.fromEntries(params), files: store.files, ...folded.settings },
      problems: problems.items,
    };
  } catch (error) {
    problems.capture(error, at);
    return { problems: problems.items };
  }
}
