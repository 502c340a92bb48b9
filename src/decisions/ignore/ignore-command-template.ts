// ignorecommand without a shell: the template is split into argv words once, at configuration
// time, with shell-like quoting ('…', "…", backslash), and shell syntax that would need a shell
// (pipes, redirections, $ expansion, command lists) is refused there. Tags are replaced inside each
// word after the address was validated, so a value can never add or split words.
import { Fail2nftError } from '../../core/errors.js';
import type { IpAddress } from '../../core/ip-address.js';

export interface IgnoreCommandTags {
  readonly address: IpAddress;
  /** The failure id as found in the log (fail2ban's <fid>). */
  readonly id: string;
  readonly user?: string;
}

const tagPattern = /<([A-Za-z][\w-]*)>/g;

function refuse(option: string, text: string, why: string): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_CONFIG_BAD_VALUE',
    `${option}: ${why} in '${text}'; the command runs without a shell (put pipes and redirections in a script)`,
    { option },
  );
}

/** Splits a command template into words; throws F2N_ERR_CONFIG_BAD_VALUE for shell syntax. */
export function parseCommandTemplate(text: string, option = 'ignorecommand'): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === ' ' || char === '\t' || char === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw refuse(option, text, 'unterminated quote');
      word += text.slice(i + 1, end);
      i = end;
    } else if (char === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        const inner = text[j] ?? '';
        if (inner === '$' || inner === '`') throw refuse(option, text, `'${inner}' expansion`);
        if (inner === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1] ?? '')) j++;
        word += text[j] ?? '';
      }
      if (j >= text.length) throw refuse(option, text, 'unterminated quote');
      i = j;
    } else if (char === '\\') {
      if (i + 1 >= text.length) throw refuse(option, text, 'a trailing backslash');
      word += text[++i] ?? '';
    } else if (char === '<') {
      const tag = /^<[A-Za-z][\w-]*>/.exec(text.slice(i));
      if (tag === null) throw refuse(option, text, "'<' redirection");
      word += tag[0];
      i += tag[0].length - 1;
    } else if ('|&;>()$`*?[]{}~'.includes(char)) {
      throw refuse(option, text, `'${char}'`);
    } else {
      word += char;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw refuse(option, text, 'no command');
  const program = words[0] ?? '';
  if (/<[A-Za-z]/.test(program)) throw refuse(option, text, 'a tag as the program name');
  if (/^[A-Za-z_]\w*=/.test(program)) throw refuse(option, text, 'an environment assignment');
  return words;
}

function tagValue(tag: string, tags: IgnoreCommandTags): string | undefined {
  switch (tag) {
    case 'ip':
      return tags.address.text;
    case 'family':
      return tags.address.family === 4 ? 'inet4' : 'inet6';
    case 'fid':
      return tags.id;
    case 'F-USER':
      return tags.user;
    default:
      return undefined;
  }
}

/**
 * Replaces <ip>, <family> (inet4/inet6, as fail2ban), <fid> and <F-USER> in each word. A tag without
 * a value stays as written, as in fail2ban. The address type guarantees it was parsed and validated.
 */
export function renderTemplate(words: readonly string[], tags: IgnoreCommandTags): string[] {
  return words.map((word) => word.replace(tagPattern, (whole, tag: string) => tagValue(tag, tags) ?? whole));
}

/** The ignorecache key (a template such as "<ip>") rendered as one string. */
export function renderCacheKey(template: string, tags: IgnoreCommandTags): string {
  return template.replace(tagPattern, (whole, tag: string) => tagValue(tag, tags) ?? whole);
}
