// Parses one file in Python configparser syntax as fail2ban reads it: `key = value` or `key: value`,
// indented continuation lines, `#`/`;` full-line comments, ` ;` inline comments, lower-cased keys,
// [DEFAULT] kept apart, a key or section given twice in one file is an error. Pure: text in, sections out.
import type { ProblemList } from './config-problem.js';

export interface RawEntry {
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

export interface ParsedSection {
  readonly name: string;
  readonly line: number;
  readonly options: Map<string, RawEntry>;
}

export interface ParsedFile {
  readonly file: string;
  readonly defaults: Map<string, RawEntry>;
  /** In order of first appearance, [DEFAULT] excluded. */
  readonly sections: Map<string, ParsedSection>;
}

const defaultSection = 'DEFAULT';
const sectionHeader = /^\[(.+)\]/;
// Python's option template: the shortest name before the first `=` or `:`.
const optionLine = /^(.*?)\s*([=:])\s*(.*)$/s;

interface OpenValue {
  readonly target: Map<string, RawEntry>;
  readonly key: string;
  readonly line: number;
  readonly parts: string[];
  readonly indent: number;
}

function commentStart(line: string): number | undefined {
  if (/^\s*[#;]/.test(line)) return 0;
  // An inline comment is a `;` at the start or after white space; `#` is never inline.
  for (let index = line.indexOf(';'); index !== -1; index = line.indexOf(';', index + 1)) {
    if (index === 0 || /\s/.test(line[index - 1] ?? '')) return index;
  }
  return undefined;
}

function indentOf(line: string): number {
  const match = /\S/.exec(line);
  return match === null ? 0 : match.index;
}

export function parseIniText(text: string, file: string, problems: ProblemList): ParsedFile {
  const defaults = new Map<string, RawEntry>();
  const sections = new Map<string, ParsedSection>();
  const seenKeys = new Set<string>();
  let current: Map<string, RawEntry> | undefined;
  let currentName = '';
  let open: OpenValue | undefined;

  const close = (): void => {
    if (open === undefined) return;
    const value = open.parts.join('\n').replace(/\s+$/, '');
    open.target.set(open.key, { value, file, line: open.line });
    open = undefined;
  };

  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const lineNo = index + 1;
    const cut = commentStart(raw);
    const content = (cut === undefined ? raw : raw.slice(0, cut)).trim();
    if (content === '') {
      // Python keeps blank lines inside a multi-line value (trailing ones are trimmed at the end).
      if (cut === undefined && open !== undefined) open.parts.push('');
      continue;
    }
    const indent = indentOf(raw);
    if (open !== undefined && indent > open.indent) {
      open.parts.push(content);
      continue;
    }
    const header = sectionHeader.exec(content);
    if (header !== null) {
      close();
      const name = header[1] ?? '';
      if (name === defaultSection) {
        current = defaults;
      } else {
        const existing = sections.get(name);
        if (existing !== undefined) {
          problems.error(
            'F2N_ERR_CONFIG_DUPLICATE_SECTION',
            { file, line: lineNo },
            `section [${name}] already appears at line ${existing.line} of this file`,
          );
          current = existing.options;
        } else {
          const section: ParsedSection = { name, line: lineNo, options: new Map() };
          sections.set(name, section);
          current = section.options;
        }
      }
      currentName = name;
      continue;
    }
    close();
    if (current === undefined) {
      problems.error(
        'F2N_ERR_CONFIG_SYNTAX',
        { file, line: lineNo },
        `option outside of any [section]: ${JSON.stringify(content.slice(0, 60))}`,
      );
      continue;
    }
    const option = optionLine.exec(content);
    const name = option?.[1]?.trimEnd().toLowerCase() ?? '';
    if (option === null || name === '') {
      problems.error(
        'F2N_ERR_CONFIG_SYNTAX',
        { file, line: lineNo },
        `expected "key = value" in [${currentName}], found ${JSON.stringify(content.slice(0, 60))}`,
      );
      continue;
    }
    const seenKey = `${currentName}\u0000${name}`;
    if (seenKeys.has(seenKey)) {
      const first = current.get(name)?.line;
      problems.error(
        'F2N_ERR_CONFIG_DUPLICATE_KEY',
        { file, line: lineNo },
        `option '${name}' in [${currentName}] is already set${first === undefined ? '' : ` at line ${first}`} of this file`,
      );
    }
    seenKeys.add(seenKey);
    open = { target: current, key: name, line: lineNo, parts: [(option[3] ?? '').trim()], indent };
  }
  close();
  return { file, defaults, sections };
}
