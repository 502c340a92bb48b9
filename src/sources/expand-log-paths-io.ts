// File I/O: expands a logpath pattern into the regular files that exist now (symbolic links to files
// count; directories and dangling links do not), sorted, written the way the pattern is written.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compileLogPathGlob, segmentMatches } from './log-path-glob.js';

/** Expands one pattern; injectable so the file source can be given another expander. */
export type ExpandLogPath = (pattern: string) => Promise<string[]>;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function listDirectory(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}

export async function expandLogPath(pattern: string): Promise<string[]> {
  const glob = compileLogPathGlob(pattern);
  if (!glob.hasWildcard) return (await isFile(pattern)) ? [pattern] : [];
  let candidates = [glob.absolute ? '/' : ''];
  for (const segment of glob.segments) {
    const next: string[] = [];
    for (const dir of candidates) {
      if (typeof segment === 'string') {
        next.push(dir === '' ? segment : join(dir, segment));
        continue;
      }
      for (const name of await listDirectory(dir === '' ? '.' : dir)) {
        if (segmentMatches(segment, name)) next.push(dir === '' ? name : join(dir, name));
      }
    }
    candidates = next;
  }
  const files: string[] = [];
  for (const candidate of candidates) if (await isFile(candidate)) files.push(candidate);
  return files;
}
