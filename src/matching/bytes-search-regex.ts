// A compiled single-line failregex, ignoreregex or prefregex as the line filter's SearchRegex, for byte
// input: RE2.test on the Buffer decides (cheap: no result to build); only a hit is decoded and its groups
// read, by the regex's JavaScript twin (js-capture-regex.ts) when it has one, else by RE2.exec. An ASCII
// line up to ASCII_TWIN_MAX_LENGTH characters is decided and read by the ASCII twin alone, which V8 runs in
// linear time (ascii-linear-twin.ts), where the regex has one. A hit's <F-CONTENT> comes back as bytes,
// so that the failregexes searching it stay on Buffers.
import type { CompiledFailregex, Re2Match } from './regex/compile-failregex.js';
import { ASCII_TWIN_MAX_LENGTH, createAsciiLinearTwin } from './ascii-linear-twin.js';
import { createJsCaptureRegex, JS_CAPTURE_MAX_LENGTH } from './js-capture-regex.js';
import type { MatchText, RegexHit, SearchRegex } from './line-filter-types.js';

const skipLinesGroup = /^skiplines(\d+)$/;
const NOTHING_SKIPPED: readonly string[] = [];

function decodeText(text: MatchText, ascii: boolean): string {
  if (typeof text === 'string') return text;
  return text.toString(ascii ? 'latin1' : 'utf8');
}

/** The bytes of `content`, a substring of `whole` (the decoded form of `bytes`). */
function contentBytes(content: string, whole: string, bytes: Buffer, ascii: boolean): Buffer {
  if (!ascii) return Buffer.from(content, 'utf8');
  // Characters are bytes: any occurrence has the content's bytes; a suffix is found first.
  const at = whole.lastIndexOf(content);
  return bytes.subarray(at, at + content.length);
}

/**
 * groupValues (compile-failregex.ts) with the group maps read into arrays once: every named group's
 * text (the first of its copies that participated) and fail2ban's `alt_` merging.
 */
function groupReader(compiled: CompiledFailregex): (match: Re2Match) => Record<string, string | undefined> {
  const names = [...compiled.groups.keys()];
  const copies = names.map((name) => compiled.groups.get(name) ?? []);
  const { alternates } = compiled.compound;
  return (match) => {
    const out: Record<string, string | undefined> = {};
    for (let n = 0; n < names.length; n++) {
      const indices = copies[n] as readonly number[];
      let text: string | undefined;
      for (let i = 0; i < indices.length; i++) {
        const value = match[indices[i] as number];
        if (value !== undefined) {
          text = typeof value === 'string' ? value : value.toString();
          break;
        }
      }
      out[names[n] as string] = text;
    }
    for (const { source, target } of alternates) {
      const value = out[source];
      if (value !== undefined && value !== '' && (out[target] === undefined || out[target] === ''))
        out[target] = value;
    }
    return out;
  };
}

export function createBytesSearchRegex(compiled: CompiledFailregex): SearchRegex {
  const twin = createJsCaptureRegex(compiled);
  const asciiTwin =
    twin === undefined ? undefined : createAsciiLinearTwin(twin, compiled.translation.groupCount);
  const contentGroups = compiled.groups.get('content') ?? [];
  const skipNames = [...compiled.groups.keys()]
    .filter((name) => skipLinesGroup.test(name))
    .sort((a, b) => Number(skipLinesGroup.exec(a)?.[1]) - Number(skipLinesGroup.exec(b)?.[1]));
  const { re2 } = compiled;
  const readGroups = groupReader(compiled);

  return {
    groupNames: new Set(compiled.groups.keys()),
    search(text: MatchText, ascii = false, known?: string): RegexHit | undefined {
      let match: Re2Match | null = null;
      let decoded: string | undefined;
      if (ascii && asciiTwin !== undefined && text.length <= ASCII_TWIN_MAX_LENGTH) {
        decoded = known ?? decodeText(text, true);
        match = asciiTwin.exec(decoded);
        if (match === null) return undefined;
      } else {
        if (!re2.test(text)) return undefined;
        if (twin !== undefined && text.length <= JS_CAPTURE_MAX_LENGTH) {
          decoded = known ?? decodeText(text, ascii);
          match = twin.exec(decoded);
        }
      }
      // No twin, or (never seen) the twin disagrees with RE2: RE2 decides.
      if (match === null) {
        decoded = undefined;
        match = compiled.exec(text);
        if (match === null) return undefined;
      }
      const groups = readGroups(match);
      const start = match.index;
      const skipped =
        skipNames.length === 0
          ? NOTHING_SKIPPED
          : skipNames.map((name) => groups[name]).filter((v): v is string => v !== undefined);
      const content = groups.content;
      let contentText: MatchText | undefined;
      if (content !== undefined && typeof text !== 'string' && contentGroups.length > 0) {
        if (decoded !== undefined) contentText = contentBytes(content, decoded, text, ascii);
        // RE2.exec on bytes gave the group as bytes already.
        else contentText = contentGroups.map((index) => match[index]).find((v) => v !== undefined);
      }
      const end = start + match[0].length;
      return contentText === undefined
        ? { start, end, groups, skipped }
        : { start, end, groups, skipped, contentText };
    },
  };
}
