// The configuration pass of tag substitution: an action command's <option> tags are replaced by
// the action's own option values, recursively, with the family-conditional value (`name?family=inet6`)
// preferred for that family. Option values are configuration and trusted, so they go in as written.
// Free-text ban-time tags are never taken from options (a log value must not be shadowed by, or
// mixed into, configuration text); unknown tags stay as written, as in fail2ban.
import { Fail2nftError } from '../core/errors.js';
import { banTimeTagKind } from './ban-time-tags.js';

/** fail2ban's family names for the conditional options; '' when the operation has no family. */
export type TagFamily = '' | 'inet4' | 'inet6';

/** fail2ban gives up after 25 rounds too; the size cap stops `a = <a><a>` before it eats memory. */
const MAX_ROUNDS = 25;
const MAX_LENGTH = 1024 * 1024;

const tagPattern = /<([^ <>]+)>/g;

export function expandActionOptions(
  template: string,
  options: Readonly<Record<string, string>>,
  family: TagFamily = '',
): string {
  const lookup = (whole: string, tag: string): string => {
    if (banTimeTagKind(tag) === 'free-text') return whole;
    if (family !== '') {
      const conditional = options[`${tag}?family=${family}`];
      if (conditional !== undefined) return conditional;
    }
    return Object.hasOwn(options, tag) ? (options[tag] ?? whole) : whole;
  };
  let text = template;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!text.includes('<')) return text;
    const next = text.replace(tagPattern, lookup);
    if (next === text) return text;
    if (next.length > MAX_LENGTH) break;
    text = next;
  }
  throw new Fail2nftError(
    'F2N_ERR_ACTION_TAG_LOOP',
    `action option tags refer to each other too deeply in: ${template.slice(0, 200)}`,
    { template: template.slice(0, 200) },
  );
}
