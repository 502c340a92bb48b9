// Which action.d files fail2nft runs as native mail actions, and what each adds to the ban mail.
// The facts (whois, which failure lines, buffering) follow the fail2ban action of the same name.

export type MailLines = 'none' | 'matches' | 'ipmatches' | 'ipjailmatches';

export interface MailVariant {
  /** Look the address up with whois and add the answer. */
  readonly whois: boolean;
  /** Which failure lines the ban mail lists. */
  readonly lines: MailLines;
  /** Collect bans and send one summary per `lines` bans (and at flush and stop). */
  readonly buffered: boolean;
}

const variants: Readonly<Record<string, MailVariant>> = {
  sendmail: { whois: false, lines: 'none', buffered: false },
  'sendmail-whois': { whois: true, lines: 'none', buffered: false },
  // fail2ban greps the jail's log files for the address; fail2nft lists the lines it matched.
  'sendmail-whois-lines': { whois: true, lines: 'matches', buffered: false },
  'sendmail-whois-matches': { whois: true, lines: 'matches', buffered: false },
  'sendmail-whois-ipmatches': { whois: true, lines: 'ipmatches', buffered: false },
  'sendmail-whois-ipjailmatches': { whois: true, lines: 'ipjailmatches', buffered: false },
  'sendmail-buffered': { whois: false, lines: 'none', buffered: true },
  mail: { whois: false, lines: 'none', buffered: false },
  'mail-whois': { whois: true, lines: 'none', buffered: false },
  'mail-whois-lines': { whois: true, lines: 'matches', buffered: false },
  'mail-buffered': { whois: false, lines: 'none', buffered: true },
};

/** The native variant for an action file, or undefined when the file runs as shell commands. */
export function mailVariantOf(file: string): MailVariant | undefined {
  return Object.hasOwn(variants, file) ? variants[file] : undefined;
}
