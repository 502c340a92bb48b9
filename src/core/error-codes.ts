// The one registry of error codes. Each code has a message template and what an operator should do.
// README.md lists every code (a test keeps the table and this registry in step).

export interface ErrorCodeInfo {
  readonly message: string;
  readonly remedy: string;
}

export const errorCodes = {
  F2N_ERR_CONFIG_SYNTAX: {
    message: 'configuration syntax error',
    remedy:
      'Fix the line named in FILE:LINE; fail2ban syntax is Python configparser (key = value, [section]).',
  },
  F2N_ERR_CONFIG_DUPLICATE_KEY: {
    message: 'option set twice in one section of one file',
    remedy: 'Remove one of the two lines; later files (.local, .d/) may override, one file may not.',
  },
  F2N_ERR_CONFIG_DUPLICATE_SECTION: {
    message: 'section appears twice in one file',
    remedy: 'Merge the two sections into one.',
  },
  F2N_ERR_CONFIG_MISSING_FILE: {
    message: 'configuration file not found',
    remedy: 'Check the path and the name given to filter =, action = or [INCLUDES].',
  },
  F2N_ERR_CONFIG_INTERPOLATION: {
    message: 'cannot interpolate %(name)s',
    remedy: 'Define the referenced option in the section, [DEFAULT] or an included file, or escape % as %%.',
  },
  F2N_ERR_CONFIG_INTERPOLATION_DEPTH: {
    message: 'interpolation nests too deeply (a reference loop?)',
    remedy: 'Break the loop of options that refer to each other.',
  },
  F2N_ERR_CONFIG_BAD_VALUE: {
    message: 'option has an invalid value',
    remedy: 'Use the value form documented in the README configuration reference.',
  },
  F2N_ERR_CONFIG_BAD_TIME: {
    message: 'invalid time value',
    remedy: 'Use seconds or fail2ban time syntax such as 600, 10m, 1h30m, 1w, 1y 6mo, or -1 for permanent.',
  },
  F2N_ERR_CONFIG_BAD_BOOLEAN: {
    message: 'invalid boolean',
    remedy: 'Use true/false, yes/no, on/off or 1/0.',
  },
  F2N_ERR_CONFIG_BAD_REFERENCE: {
    message: 'invalid filter or action reference',
    remedy: 'Write name or name[key=value, key2="a,b"] with balanced brackets and quotes.',
  },
  F2N_ERR_CONFIG_MISSING_OPTION: {
    message: 'a required option is missing',
    remedy: 'Set the option in the jail, its filter or [DEFAULT].',
  },
  F2N_ERR_CONFIG_TAG_LOOP: {
    message: 'a <tag> refers to itself',
    remedy: 'Break the loop of <tag> substitutions.',
  },
  F2N_ERR_CONFIG_NO_DIRECTORY: {
    message: 'configuration directory not found',
    remedy: 'Pass --config DIR pointing at a directory with jail.conf (fail2ban layout).',
  },
  F2N_ERR_CONFIG_UNSUPPORTED: {
    message: 'option or value not supported by fail2nft yet',
    remedy: 'A warning: the setting is read but ignored or replaced as the message says; see the README.',
  },
  F2N_ERR_USAGE: {
    message: 'invalid command line',
    remedy: 'Run fail2nft --help for the commands and their options.',
  },
  F2N_ERR_INTERNAL: {
    message: 'internal error',
    remedy: 'A bug: report it with the log lines around it.',
  },
  F2N_ERR_REGEX_SYNTAX: {
    message: 'invalid regular expression',
    remedy:
      'Fix the failregex/ignoreregex/prefregex at the offset named: Python 3.11 re (which fail2ban uses) rejects it too.',
  },
  F2N_ERR_REGEX_UNSUPPORTED: {
    message: 'regular expression construct has no RE2 equivalent',
    remedy:
      'Rewrite the construct named in the message without look-around, back-reference or conditional (or move it out of the repetition), e.g. a negated class [^x] instead of (?!x).',
  },
  F2N_ERR_REGEX_NO_FAILURE_ID: {
    message: 'failregex has no failure-id group',
    remedy:
      'Add <HOST>, <ADDR>, <IP4>, <IP6>, <DNS>, <F-ID>...</F-ID> or <F-MLFID> to the failregex or its prefregex.',
  },
  F2N_ERR_DATE_PATTERN: {
    message: 'invalid datepattern',
    remedy:
      'Fix the directive or regex construct named in the message; every % must start a directive (%Y, %ExY, %%, ...) as in fail2ban.',
  },
  F2N_ERR_DATE_TIMEZONE: {
    message: 'invalid logtimezone',
    remedy:
      'Use a fixed offset as fail2ban does: UTC, UTC+0200, UTC-05:30, +0100, Z or a zone abbreviation such as CET.',
  },
  F2N_ERR_SOURCE_BAD_OPTION: {
    message: 'invalid log source option',
    remedy:
      'Fix the option named in the message (a programming error in the caller when it comes from the service).',
  },
  F2N_ERR_SOURCE_READ: {
    message: 'cannot read a log file',
    remedy:
      "Check the file's permissions and that fail2nft runs as a user that may read it; reading is retried.",
  },
  F2N_ERR_SOURCE_JOURNAL_UNAVAILABLE: {
    message: 'journalctl cannot be run',
    remedy: "Install systemd's journalctl (or put it on PATH), or use backend = auto/polling with a logpath.",
  },
  F2N_ERR_SOURCE_JOURNAL_EXITED: {
    message: 'journalctl exited unexpectedly',
    remedy:
      "Read journalctl's message in the error details: check journalmatch, journal permissions (group systemd-journal) and journal files.",
  },
  F2N_ERR_SOURCE_CONSUMER_FAILED: {
    message: 'processing a chunk of log lines failed',
    remedy:
      'A bug in a later stage: report it with the log lines around it; the source resumes from its last saved position.',
  },
  F2N_ERR_SOURCE_POSITION_STORE: {
    message: 'cannot load or save a log position',
    remedy:
      'Check the database file and its directory (space, permissions); the source resumes from its last saved position.',
  },
  F2N_ERR_MATCH_BAD_OPTION: {
    message: 'invalid matching engine option',
    remedy:
      'Fix the option named in the message (a programming error in the caller when it comes from the service).',
  },
  F2N_ERR_MATCH_UNKNOWN_SOURCE: {
    message: 'unknown or duplicate log source for the matching engine',
    remedy:
      'Give every source a unique id and push only to ids given to the engine (a programming error in the caller).',
  },
  F2N_ERR_MATCH_CLOSED: {
    message: 'the matching engine is closed',
    remedy: 'Push lines only before close() (a programming error in the caller).',
  },
  F2N_ERR_MATCH_WORKER_FAILED: {
    message: 'a matching worker failed on a chunk of log lines again and again',
    remedy:
      'Report it with the log lines of the chunk named in the message: a crash of the regex engine or a bug; the failures of that chunk are lost.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof errorCodes;
