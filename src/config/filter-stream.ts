// A filter's options as fail2ban hands them to its server, in order (usedns first, then maxlines and
// prefregex, then regexes, datepattern and journal matches), and the fold of that stream into settings:
// later `set`s win and `add`s accumulate, exactly as the server applies them.
import { filterOptionSpecs } from './jail-option-schema.js';
import { parseInteger, splitLines, splitShellWords } from './option-values.js';
import type { ProblemList, SourceRef } from './config-problem.js';
import type { FilterSettings } from './config-types.js';

export type StreamCommand =
  | { readonly op: 'set'; readonly option: string; readonly value: string }
  | { readonly op: 'add'; readonly option: string; readonly values: readonly string[] };

export const filterOptionNames = filterOptionSpecs.map((s) => s.name);

export function appendFilterCommands(stream: StreamCommand[], options: ReadonlyMap<string, string>): void {
  let priority = 0;
  for (const [option, value] of options) {
    if (option === 'failregex' || option === 'ignoreregex') {
      const lines = splitLines(value);
      if (lines.length > 0) stream.push({ op: 'add', option, values: lines });
    } else if (option === 'usedns' || option === 'maxlines' || option === 'prefregex') {
      stream.splice(option === 'usedns' ? 0 : priority, 0, { op: 'set', option, value });
      priority++;
    } else if (option === 'datepattern') {
      stream.push({ op: 'set', option, value });
    } else if (option === 'journalmatch') {
      for (const line of splitLines(value)) stream.push({ op: 'add', option, values: [line] });
    }
  }
}

export type FilterRules = Omit<FilterSettings, 'name' | 'params' | 'files'>;

export function foldFilterStream(
  stream: readonly StreamCommand[],
  problems: ProblemList,
  at: SourceRef,
): { settings: FilterRules; usedns: string | undefined } {
  const scalars = new Map<string, string>();
  const lists = new Map<string, string[]>();
  for (const command of stream) {
    if (command.op === 'set') scalars.set(command.option, command.value);
    else lists.set(command.option, [...(lists.get(command.option) ?? []), ...command.values]);
  }
  let maxlines = 1;
  const maxlinesText = scalars.get('maxlines');
  if (maxlinesText !== undefined) {
    try {
      maxlines = parseInteger(maxlinesText, 'maxlines');
    } catch (error) {
      problems.capture(error, at);
    }
  }
  const journalmatch: string[][] = [];
  for (const line of lists.get('journalmatch') ?? []) {
    try {
      journalmatch.push(splitShellWords(line));
    } catch (error) {
      problems.capture(error, at);
    }
  }
  const prefregex = scalars.get('prefregex');
  const datepattern = scalars.get('datepattern');
  return {
    usedns: scalars.get('usedns'),
    settings: {
      failregex: lists.get('failregex') ?? [],
      ignoreregex: lists.get('ignoreregex') ?? [],
      ...(prefregex === undefined ? {} : { prefregex }),
      maxlines,
      ...(datepattern === undefined ? {} : { datepattern }),
      journalmatch,
    },
  };
}
