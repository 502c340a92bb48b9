// logpath patterns as fail2ban reads them (Python's glob, not recursive): `*`, `?` and `[...]` (with `!`
// for negation) within one path segment; names starting with a dot match only a pattern segment that
// starts with a dot. Pure: compiles a pattern and tests paths; expand-log-paths-io.ts walks directories.

export interface LogPathGlob {
  readonly pattern: string;
  /** The longest leading directory without wildcards: new files can only appear below it. */
  readonly baseDir: string;
  /** One entry per path segment: a literal name or a matcher. */
  readonly segments: readonly (string | RegExp)[];
  readonly absolute: boolean;
  readonly hasWildcard: boolean;
  /** A wildcard stands for a directory, not only for the file name. */
  readonly wildcardInDirectory: boolean;
}

const wildcard = /[*?[]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function segmentMatcher(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charAt(i);
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      // A set needs a closing bracket after at least one member ("[]]" holds a bracket); else it is literal.
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('!') && body.length > 1) {
        negate = true;
        body = body.slice(1);
      }
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^[]/g, '\\$&')}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

export function compileLogPathGlob(pattern: string): LogPathGlob {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((part) => part !== '' && part !== '.');
  const segments = parts.map((part) => (wildcard.test(part) ? segmentMatcher(part) : part));
  const firstWild = segments.findIndex((s) => typeof s !== 'string');
  const literal = (firstWild < 0 ? parts.slice(0, -1) : parts.slice(0, firstWild)).join('/');
  const baseDir = absolute ? `/${literal}` : literal === '' ? '.' : literal;
  const wildcardInDirectory = firstWild >= 0 && firstWild < segments.length - 1;
  return { pattern, baseDir, segments, absolute, hasWildcard: firstWild >= 0, wildcardInDirectory };
}

/** True when `path` (written the way the pattern is: absolute or relative) is matched by the pattern. */
export function logPathMatches(glob: LogPathGlob, path: string): boolean {
  if (path.startsWith('/') !== glob.absolute) return false;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length !== glob.segments.length) return false;
  return glob.segments.every((segment, index) => segmentMatches(segment, parts[index] ?? ''));
}

/** Whether one path segment (a file or directory name) is matched, hidden names included. */
export function segmentMatches(segment: string | RegExp, name: string): boolean {
  if (typeof segment === 'string') return segment === name;
  if (name.startsWith('.') && !segment.source.startsWith('^\\.')) return false;
  return segment.test(name);
}
