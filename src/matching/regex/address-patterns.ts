// The address patterns behind fail2ban's tags (<HOST>, <ADDR>, <IP4>, <IP6>, <DNS>, <CIDR>, <SUBNET>),
// written for this project in the part of Python syntax that translates to RE2 as it is. They accept
// what fail2ban's accept (the fail2ban address parser validates afterwards), with one deliberate change:
// address digits are ASCII 0-9, where Python's \d would also take other scripts' digits that no address
// parser accepts. Group names are fail2ban's: ip4, ip6, dns, cidr, fid, fport.

const HEX_GROUP = '[0-9A-Fa-f]{1,4}';

/** Four dot-separated groups of one to three digits (range checks come later, as in fail2ban). */
export const IPV4_PATTERN = String.raw`(?:[0-9]{1,3}\.){3}[0-9]{1,3}`;

/**
 * One to seven hex groups, each followed by one or two colons (or a bare `::`), then a last hex group or
 * a colon (`2001:db8::`). Loose on purpose: the address parser rejects impossible forms.
 */
export const IPV6_PATTERN = `(?:${HEX_GROUP}:{1,2}|::){1,7}(?:${HEX_GROUP}|:)`;

/** An IPv4 address, optionally in IPv4-mapped IPv6 notation (`::ffff:192.0.2.1` captures the IPv4 part). */
export const IP4_GROUP = `(?:::f{4,6}:)?(?P<ip4>${IPV4_PATTERN})`;
export const IP6_GROUP = `(?P<ip6>${IPV6_PATTERN})`;
/** Host names: word characters, dots, hyphens and carets, ending in a word character. */
export const DNS_GROUP = String.raw`(?P<dns>[-.^\w]*\w)`;
export const CIDR_GROUP = '(?P<cidr>[0-9]+)';
/** An address, optionally in brackets. */
export const ADDR_PATTERN = String.raw`\[?(?:${IP4_GROUP}|${IP6_GROUP})\]?`;
/** An address or, failing that, a host name. */
export const HOST_PATTERN = `(?:${ADDR_PATTERN}|${DNS_GROUP})`;
/** An address with an optional /prefix length. */
export const SUBNET_PATTERN = String.raw`\[?(?:${IP4_GROUP}|${IP6_GROUP})(?:/${CIDR_GROUP})?\]?`;
/** <F-ID/>: a failure id without spaces. */
export const FAILURE_ID_GROUP = String.raw`(?P<fid>\S+)`;
/** <F-PORT/>: a port number or service name. */
export const PORT_GROUP = String.raw`(?P<fport>\w+)`;
