// File I/O: expands logpath glob patterns (`*`, `?`, `[...]` per path segment, as Python's glob) into the
// files that exist now. Dangling links and directories are left out.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const wildcard = /[*?[]/;

function segmentPattern(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? '';
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, end);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function expandLogPath(pattern: string): string[] {
  if (!wildcard.test(pattern)) return isFile(pattern) ? [pattern] : [];
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '');
  let candidates = [absolute ? '/' : '.'];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const dir of candidates) {
      if (!wildcard.test(segment)) {
        next.push(join(dir, segment));
        continue;
      }
      const matcher = segmentPattern(segment);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names.sort()) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (matcher.test(name)) next.push(join(dir, name));
      }
    }
    candidates = last ? next : next.filter((path) => !isFile(path));
  }
  const files = candidates.filter(isFile);
  return absolute ? files : files.map((f) => f.replace(/^\.\//, ''));
}
