// Conversions of option text to typed values, with fail2ban's spellings.
import { Fail2nftError } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';

const trueWords = new Set(['1', 'on', 'true', 'yes']);
const falseWords = new Set(['0', 'off', 'false', 'no', '']);

/** fail2ban reads anything but 1/on/true/yes as false; we reject words that are neither. */
export function parseBoolean(text: string, option: string): boolean {
  const word = text.trim().toLowerCase();
  if (trueWords.has(word)) return true;
  if (falseWords.has(word)) return false;
  throw new Fail2nftError(
    'F2N_ERR_CONFIG_BAD_BOOLEAN',
    `option '${option}': ${JSON.stringify(text)} is not a boolean (use true/false, yes/no, on/off, 1/0)`,
  );
}

export function parseInteger(text: string, option: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) {
    throw new Fail2nftError(
      'F2N_ERR_CONFIG_BAD_VALUE',
      `option '${option}': ${JSON.stringify(text)} is not a whole number`,
    );
  }
  return Number(trimmed);
}

export function parseTime(text: string, option: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    throw new Fail2nftError(
      'F2N_ERR_CONFIG_BAD_TIME',
      `option '${option}': ${JSON.stringify(text)} is not a time (e.g. 600, 10m, 1h30m, 1w, 1y 6mo, -1)`,
    );
  }
  return seconds;
}

/** fail2ban's word list: separated by commas, spaces or new lines, empty items dropped. */
export function splitWords(text: string): string[] {
  return text
    .split(/[ ,\n]+/)
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

/** Non-empty lines of a multi-line value (failregex, logpath, journalmatch). */
export function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** POSIX shell-like word splitting for journalmatch lines (quotes and backslashes, no expansion). */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Fail2nftError('F2N_ERR_CONFIG_BAD_VALUE', `unterminated quote in ${JSON.stringify(text)}`);
      current += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1] ?? '')) j++;
        current += text[j] ?? '';
      }
      if (j >= text.length) throw new Fail2nftError('F2N_ERR_CONFIG_BAD_VALUE', `unterminated quote in ${JSON.stringify(text)}`);
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[i + 1] ?? '';
      i++;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/**
 * A number or a constant arithmetic expression (`2.0 / 2.885385`): fail2ban evaluates bantime.factor as a
 * Python expression; fail2nft accepts numbers, + - * /, unary minus and parentheses, and nothing else.
 */
export function parseArithmetic(text: string, option: string): number {
  const tokens = text.match(/\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|[-+*/()]|\S/g) ?? [];
  let index = 0;
  const fail = (): never => {
    throw new Fail2nftError(
      'F2N_ERR_CONFIG_BAD_VALUE',
      `option '${option}': ${JSON.stringify(text)} is not a number or an arithmetic expression of numbers`,
    );
  };
  const primary = (): number => {
    const token = tokens[index++];
    if (token === undefined) return fail();
    if (token === '(') {
      const value = sum();
      if (tokens[index++] !== ')') fail();
      return value;
    }
    if (token === '-') return -primary();
    if (token === '+') return primary();
    const value = Number(token);
    return Number.isFinite(value) ? value : fail();
  };
  const product = (): number => {
    let value = primary();
    while (tokens[index] === '*' || tokens[index] === '/') {
      const operator = tokens[index++];
      const right = primary();
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (tokens[index] === '+' || tokens[index] === '-') {
      const operator = tokens[index++];
      const right = product();
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  };
  const result = sum();
  if (index !== tokens.length || !Number.isFinite(result)) fail();
  return result;
}
