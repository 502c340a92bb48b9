// Fills a compiled action command with ban-time values. Validated values (addresses, numbers,
// inet4/inet6, the host name) go into the script as text, as fail2ban does, so the command reads
// naturally in logs. Every other value (log lines, <F-*> captures, or a validated tag whose value
// is somehow outside its character set) is passed in the environment as F2N_<TAG> and the script
// only names the variable, quoted for its context:
//
//   unquoted     <matches>    ->  "${F2N_MATCHES}"
//   "..."        "<matches>"  ->  "${F2N_MATCHES}"        (inside the existing quotes)
//   '...'        '<matches>'  ->  ''"${F2N_MATCHES}"''    (closes and reopens the single quotes)
//   <<EOF body   <matches>    ->  ${F2N_MATCHES}
//
// The shell expands a quoted variable once and never parses the result again, so no value can add
// a command, a quote or a here-document end, whatever it contains.
import { validatedValue, banTimeTagKind } from './ban-time-tags.js';
import type { ShellContext, ShellTemplate } from './compile-shell-template.js';

export interface RenderedCommand {
  readonly script: string;
  /** F2N_* variables the script refers to; the runner adds them to the environment. */
  readonly env: Readonly<Record<string, string>>;
}

/** Ban-time tag values by tag name (`ip`, `matches`, `F-USER`, ...); a missing value renders empty. */
export type BanTimeValues = Readonly<Record<string, string | undefined>>;

/** Linux refuses an environment string over 128 KiB (MAX_ARG_STRLEN); stay well below. */
export const MAX_ENV_VALUE_BYTES = 96 * 1024;

export function envVariableName(tag: string): string {
  return `F2N_${tag.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Environment strings cannot hold NUL, and very long values are cut at a line end. */
export function boundEnvValue(value: string): string {
  const clean = value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (clean.length * 3 <= MAX_ENV_VALUE_BYTES || Buffer.byteLength(clean) <= MAX_ENV_VALUE_BYTES)
    return clean;
  const cut = Buffer.from(clean).subarray(0, MAX_ENV_VALUE_BYTES).toString('utf8');
  const lineEnd = cut.lastIndexOf('\n');
  return `${lineEnd > 0 ? cut.slice(0, lineEnd) : cut}\n[... cut by fail2nft]`;
}

function reference(variable: string, context: ShellContext): string {
  switch (context) {
    case 'plain':
      return `"\${${variable}}"`;
    case 'double':
    case 'heredoc':
      return `\${${variable}}`;
    case 'single':
      return `'"\${${variable}}"'`;
    case 'quoted-heredoc':
      // compileShellTemplate refuses free text here; a validated value outside its set is dropped.
      return '';
  }
}

export function renderShellTemplate(template: ShellTemplate, values: BanTimeValues): RenderedCommand {
  let script = '';
  const env: Record<string, string> = {};
  const variableOf = new Map<string, string>();
  for (const segment of template.segments) {
    if (typeof segment === 'string') {
      script += segment;
      continue;
    }
    const value = values[segment.tag] ?? '';
    const inline =
      banTimeTagKind(segment.tag) === 'validated' &&
      validatedValue.test(value) &&
      segment.context !== 'heredoc';
    if (inline) {
      script += value;
      continue;
    }
    let variable = variableOf.get(segment.tag);
    if (variable === undefined) {
      // Two tags that map to one name (F-A_B, F-A-B) get distinct variables.
      const base = envVariableName(segment.tag);
      variable = base;
      for (let n = 2; Object.hasOwn(env, variable); n++) variable = `${base}_${n}`;
      variableOf.set(segment.tag, variable);
      env[variable] = boundEnvValue(value);
    }
    script += reference(variable, segment.context);
  }
  return { script, env };
}
