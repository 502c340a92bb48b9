// Which template finds the date in a line, with fail2ban's per-file memory (its DateDetector.matchTime):
// 1. The template that won on the previous line is tried first. An anchored one searches the whole
//    line; another one searches only where the previous date was, if the characters around that place
//    look the same, and wins only if it finds its date at exactly the same place.
// 2. Otherwise every template is tried in list order. The first match wins if it is anchored, or is the
//    last template, or lies no further into the line than that template's previous date and the
//    previous winner's date; else it is kept as a candidate and the search goes on, and the candidate
//    nearest to the line start wins if nothing better turns up.
// 3. The winner's hit count grows and it may move up the list ("bubble up"), so the templates a file
//    uses are tried first. Moving uses fail2ban's weights (hits x weight / distance) and its rule that
//    a template unused for five minutes can be overtaken.
// Not kept from fail2ban: the process-wide hit counter of shared templates (it only ever breaks a loop
// the distance rule breaks anyway).
import { isWordCode } from './char-classes.js';
import { MatchRecord, type DateTemplate } from './date-template.js';

const FAR = 0x7fffffff;
const UNUSED_SECONDS = 300;
/** Stands for Python's empty string (a slice outside the line); never equal to a character code. */
const NONE = -1;

class Slot {
  hits = 0;
  lastUsed = 0;
  distance = FAR;

  constructor(readonly template: DateTemplate) {}

  get weight(): number {
    return (this.hits * this.template.weight) / Math.max(1, this.distance);
  }
}

function charAt(line: string, i: number): number {
  return i >= 0 && i < line.length ? line.charCodeAt(i) : NONE;
}

/** str.isalnum() of one character. */
function isAlnum(c: number): boolean {
  return c !== NONE && c !== 0x5f && isWordCode(c);
}

export class TemplateChooser {
  private readonly slots: Slot[];
  private lastIndex = FAR;
  private lastDistance = 1;
  private lastBefore = NONE;
  private lastAt = NONE;
  private lastEnd = FAR;
  private lastEndBefore = NONE;
  private lastEndAt = NONE;
  private firstUnused = 0;
  private readonly current = new MatchRecord();
  private readonly candidate = new MatchRecord();

  constructor(templates: readonly DateTemplate[]) {
    this.slots = templates.map((t) => new Slot(t));
  }

  /** Templates in their current order with their hit counts. */
  hits(): Array<{ template: string; hits: number }> {
    return this.slots.map((s) => ({ template: s.template.name, hits: s.hits }));
  }

  /**
   * Finds the date in a line; returns the winning template's record (valid until the next call) and
   * sets `winner`, or returns undefined.
   */
  choose(
    line: string,
    nowSeconds: number,
    maxYear: number,
  ): { record: MatchRecord; template: DateTemplate } | undefined {
    const slots = this.slots;
    const n = slots.length;
    const length = line.length;
    const rec = this.current;
    let matched = false;
    let index = this.lastIndex;
    let skip = FAR;
    let candidateIndex = -1;
    let candidateDistance = FAR;

    if (index < n) {
      const template = (slots[index] as Slot).template;
      if (template.anchored) {
        matched = template.search(line, 0, length, maxYear, rec);
        skip = index;
      } else if (this.sameSurroundings(line)) {
        matched = template.search(line, this.lastDistance, Math.min(this.lastEnd, length), maxYear, rec);
      } else {
        matched = template.search(line, 0, length, maxYear, rec);
        skip = index;
      }
      if (
        matched &&
        !(n === 1 || template.anchored || (rec.start === this.lastDistance && rec.end === this.lastEnd))
      ) {
        // Found somewhere else: perhaps another template's date; keep it and look at all templates.
        this.candidate.copyFrom(rec);
        candidateIndex = index;
        candidateDistance = rec.start;
        matched = false;
      }
    }

    if (!matched) {
      for (let i = 0; i < n; i++) {
        if (i === skip) continue;
        const slot = slots[i] as Slot;
        if (!slot.template.search(line, 0, length, maxYear, rec)) continue;
        index = i;
        if (i + 1 >= n || slot.template.anchored) {
          matched = true;
          break;
        }
        const distance = rec.start;
        if (distance > slot.distance || distance > this.lastDistance) {
          if (distance < candidateDistance) {
            this.candidate.copyFrom(rec);
            candidateIndex = i;
            candidateDistance = distance;
          }
          continue;
        }
        matched = true;
        break;
      }
    }

    let record = rec;
    if (!matched) {
      if (candidateIndex < 0) return undefined;
      record = this.candidate;
      index = candidateIndex;
    }
    return { record, template: this.win(index, record, line, nowSeconds) };
  }

  /** Whether the characters around the previous date's place look as they did. */
  private sameSurroundings(line: string): boolean {
    const d = this.lastDistance;
    const e = this.lastEnd;
    const before = d > 0 ? charAt(line, d - 1) : NONE;
    const beginOk = before === this.lastBefore || (charAt(line, d) === this.lastAt && !isAlnum(this.lastAt));
    if (!beginOk) return false;
    const endBefore = e > 0 ? charAt(line, e - 1) : NONE;
    return (
      charAt(line, e) === this.lastEndAt || (endBefore === this.lastEndBefore && !isAlnum(this.lastEndBefore))
    );
  }

  private win(index: number, record: MatchRecord, line: string, nowSeconds: number): DateTemplate {
    const slot = this.slots[index] as Slot;
    slot.hits++;
    slot.lastUsed = nowSeconds;
    slot.distance = record.start;
    if (this.firstUnused === index) this.firstUnused++;
    const d = record.start;
    const e = record.end;
    this.lastDistance = d;
    this.lastBefore = d > 0 ? charAt(line, d - 1) : NONE;
    this.lastAt = charAt(line, d);
    this.lastEnd = e;
    // Python's line[end - 1] reads the last character when end is 0.
    this.lastEndBefore = charAt(line, e > 0 ? e - 1 : line.length - 1);
    this.lastEndAt = charAt(line, e);
    let position = index;
    if (index !== 0 && index !== this.lastIndex) position = this.moveUp(index);
    this.lastIndex = position;
    return slot.template;
  }

  /** Moves a winning template towards the front of the list; returns its new position. */
  private moveUp(index: number): number {
    const slots = this.slots;
    const slot = slots[index] as Slot;
    const staleBefore = slot.lastUsed - UNUSED_SECONDS;
    const weight = slot.weight;
    let position = this.firstUnused < index ? this.firstUnused : Math.floor(index / 2);
    const movable = (): boolean => {
      const other = slots[position] as Slot;
      return weight > other.weight || staleBefore > other.lastUsed;
    };
    if (!movable()) {
      if (position === index - 1) return index;
      position = index - 1;
      if (!movable()) return index;
    }
    slots.splice(index, 1);
    slots.splice(position, 0, slot);
    while (this.firstUnused < slots.length && (slots[this.firstUnused] as Slot).hits > 0) this.firstUnused++;
    return position;
  }
}
