// File I/O for configuration: which files make up a file set (X.conf, X.d/*.conf, X.local, X.d/*.local),
// following [INCLUDES] before/after recursively (relative to the including file, each include pulling
// its own .local, loops cut), and parsing each file once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { ConfigStore } from './config-store.js';
import { interpolateValue } from './interpolate-value.js';
import { parseIniText, type ParsedFile } from './parse-ini-text.js';
import type { ProblemList } from './config-problem.js';

const includesSection = 'INCLUDES';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function sortedGlob(dir: string, extension: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(extension) && name.length > extension.length)
    .sort()
    .map((name) => join(dir, name));
}

/** The files of a file set in the order fail2ban applies them; only existing ones. */
export function listFileSet(baseDir: string, name: string): string[] {
  const base = join(baseDir, name);
  return [
    `${base}.conf`,
    ...sortedGlob(`${base}.d`, '.conf'),
    `${base}.local`,
    ...sortedGlob(`${base}.d`, '.local'),
  ].filter(isFile);
}

export class ConfigFileReader {
  private readonly cache = new Map<string, ParsedFile | undefined>();

  constructor(private readonly problems: ProblemList) {}

  /** Parses one file (cached); undefined when it cannot be read. */
  parse(path: string): ParsedFile | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    let parsed: ParsedFile | undefined;
    try {
      parsed = parseIniText(readFileSync(path, 'utf8'), path, this.problems);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error)) throw error;
      parsed = undefined;
    }
    this.cache.set(path, parsed);
    return parsed;
  }

  /** Loads a file set into one store. Returns undefined (and records why) when no file exists. */
  loadFileSet(baseDir: string, name: string, referencedFrom?: { file: string; line: number }): ConfigStore | undefined {
    const roots = listFileSet(baseDir, name);
    if (roots.length === 0) {
      this.problems.error(
        'F2N_ERR_CONFIG_MISSING_FILE',
        referencedFrom ?? { file: join(baseDir, `${name}.conf`), line: 0 },
        `no configuration file for '${name}' under ${baseDir} (looked for ${name}.conf, ${name}.d/*.conf, ${name}.local, ${name}.d/*.local)`,
      );
      return undefined;
    }
    const ordered = this.expandIncludes(roots, []);
    const files = ordered.map((path) => this.parse(path)).filter((f): f is ParsedFile => f !== undefined);
    return ConfigStore.fromFiles(files);
  }

  /** One named file with its includes (and its .local), outside any configuration directory. */
  loadExplicitFile(path: string): ConfigStore | undefined {
    if (!isFile(path)) {
      this.problems.error('F2N_ERR_CONFIG_MISSING_FILE', { file: path, line: 0 }, `${path} does not exist`);
      return undefined;
    }
    const files = this.expandIncludes([path], [])
      .map((file) => this.parse(file))
      .filter((f): f is ParsedFile => f !== undefined);
    return ConfigStore.fromFiles(files);
  }

  private withLocals(paths: readonly string[]): string[] {
    const out: string[] = [];
    for (const path of paths) {
      out.push(path);
      const local = path.replace(/\.[^./]*$/, '') + '.local';
      if (local !== path && !paths.includes(local) && isFile(local)) out.push(local);
    }
    return out;
  }

  private expandIncludes(paths: readonly string[], seen: readonly string[]): string[] {
    const out: string[] = [];
    for (const path of this.withLocals(paths)) out.push(...this.includesOf(path, seen));
    return out;
  }

  private includesOf(path: string, seen: readonly string[]): string[] {
    const parsed = this.parse(path);
    if (parsed === undefined) return [];
    const section = parsed.sections.get(includesSection);
    if (section === undefined) return [path];
    const before: string[] = [];
    const after: string[] = [];
    const single = ConfigStore.fromFiles([parsed]);
    for (const [option, list] of [
      ['before', before],
      ['after', after],
    ] as const) {
      const entry = section.options.get(option);
      if (entry === undefined) continue;
      let value: string;
      try {
        value = interpolateValue(single, includesSection, option, entry.value, entry);
      } catch (error) {
        this.problems.capture(error, entry);
        continue;
      }
      for (const item of value.split('\n')) {
        const name = item.trim();
        if (name === '') continue;
        const target = isAbsolute(name) ? name : join(dirname(path), name);
        if (seen.includes(target)) continue;
        if (!existsSync(target) && !target.endsWith('.local')) {
          this.problems.warning(
            'F2N_ERR_CONFIG_MISSING_FILE',
            entry,
            `[INCLUDES] ${option} names ${basename(target)}, which does not exist (skipped, as fail2ban does)`,
          );
          continue;
        }
        list.push(...this.expandIncludes([target], [...seen, path]));
      }
    }
    return [...before, path, ...after];
  }
}
