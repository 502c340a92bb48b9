// Expands fail2ban's tags in a failregex/ignoreregex/prefregex (after configuration interpolation) into
// Python regex syntax, as fail2ban does before compiling:
// - address tags: <HOST> (an address or a host name; only an address with usedns = no), <ADDR>, <IP4>,
//   <IP6>, <DNS>, <CIDR>, <SUBNET>, and the self-closing <F-IP4/>, <F-IP6/>, <F-ADDR/>, <F-DNS/>,
//   <F-CIDR/>, <F-SUBNET/>, <F-ID/> (group fid) and <F-PORT/> (group fport);
// - <F-NAME>…</F-NAME> (NAME in A-Z, 0-9, _ and -) becomes the group `name` in lower case, with ID → fid
//   and PORT → fport; a closing tag that was never opened stays as literal text;
// - <SKIPLINES> becomes a newline and lazily any number of whole lines (group skiplinesN), for
//   multi-line filters.
// Any other <tag> stays as it is. The group names are the interface to the rest of the matcher:
// fid, ip4, ip6, dns, cidr, fport, user, content, mlfid, nofail, mlfforget, mlfgained, alt_*, tuple_*.
import {
  ADDR_PATTERN,
  CIDR_GROUP,
  DNS_GROUP,
  FAILURE_ID_GROUP,
  HOST_PATTERN,
  IP4_GROUP,
  IP6_GROUP,
  PORT_GROUP,
  SUBNET_PATTERN,
} from './address-patterns.js';
import { scopeGroupFlags } from './scope-group-flags.js';

/** fail2ban's usedns: only `no` changes the patterns (<HOST> then takes no host names). */
export type UseDns = 'yes' | 'warn' | 'no' | 'raw';

export interface ExpandRegexTagsOptions {
  /** Default `yes`, fail2ban's default for a regex outside a jail. */
  readonly useDns?: UseDns;
}

// fail2ban recognises tags as `<`, an optional `/`, word characters or hyphens, an optional `/`, `>`.
const TAG = /<\/?[\p{L}\p{N}_-]+\/?>/gu;
const CUSTOM_TAG = /^(\/?)F-([A-Z0-9_-]+)$/;

const FIXED_TAGS: Readonly<Record<string, string>> = {
  IP4: IP4_GROUP,
  'F-IP4/': IP4_GROUP,
  IP6: IP6_GROUP,
  'F-IP6/': IP6_GROUP,
  ADDR: ADDR_PATTERN,
  'F-ADDR/': ADDR_PATTERN,
  CIDR: CIDR_GROUP,
  'F-CIDR/': CIDR_GROUP,
  SUBNET: SUBNET_PATTERN,
  'F-SUBNET/': SUBNET_PATTERN,
  DNS: DNS_GROUP,
  'F-DNS/': DNS_GROUP,
  'F-ID/': FAILURE_ID_GROUP,
  'F-PORT/': PORT_GROUP,
};

const RENAMED_GROUPS: Readonly<Record<string, string>> = { id: 'fid', port: 'fport' };

/** The group name fail2ban uses for a tag name (`ID` → `fid`, `USER` → `user`). */
export function groupNameForTag(tagName: string): string {
  const lower = tagName.toLowerCase();
  return RENAMED_GROUPS[lower] ?? lower;
}

/** Tag expansion only (no flag scoping): the text fail2ban would compile, before its flag rewrite. */
export function expandTags(regex: string, options: ExpandRegexTagsOptions = {}): string {
  const opened = new Set<string>();
  let skipLines = 0;
  return regex.replace(TAG, (tag) => {
    const name = tag.slice(1, -1);
    if (name === 'HOST') return options.useDns === 'no' ? ADDR_PATTERN : HOST_PATTERN;
    if (name === 'SKIPLINES') return String.raw`\n(?P<skiplines${skipLines++}>(?:.*\n)*?)`;
    const fixed = FIXED_TAGS[name];
    if (fixed !== undefined) return fixed;
    const custom = CUSTOM_TAG.exec(name);
    if (custom === null) return tag;
    const [, slash, tagName = ''] = custom;
    if (slash === '/') return opened.has(tagName) ? ')' : tag;
    opened.add(tagName);
    return `(?P<${groupNameForTag(tagName)}>`;
  });
}

/** The Python pattern fail2ban compiles for a regex with tags: tags expanded, group-start flags scoped. */
export function expandRegexTags(regex: string, options: ExpandRegexTagsOptions = {}): string {
  return scopeGroupFlags(expandTags(regex, options));
}
