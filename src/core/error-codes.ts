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
  F2N_ERR_METRICS_ADDRESS: {
    message: 'invalid metrics address',
    remedy:
      'Write metrics = ADDR:PORT in fail2nft.conf (or --metrics ADDR:PORT): 127.0.0.1:9191, or [::1]:9191 for IPv6 (brackets required).',
  },
  F2N_ERR_METRICS_LISTEN: {
    message: 'cannot serve metrics on the configured address',
    remedy:
      'Choose a free port and an address of this host (the message names the cause, e.g. the port is already in use).',
  },
  F2N_ERR_ACTION_COMMAND_FAILED: {
    message: 'an action command exited with an error',
    remedy:
      "Read the command's exit status and standard error in the error details; run the action's command by hand to see why it fails.",
  },
  F2N_ERR_ACTION_TIMEOUT: {
    message: 'an action command did not finish within its timeout and was killed',
    remedy:
      'Find out why the command hangs (a mail server or name server not answering?), or raise the action option timeout = (seconds, default 60).',
  },
  F2N_ERR_ACTION_SPAWN: {
    message: 'an action command cannot be started',
    remedy:
      'Install the program named in the message (/bin/sh, sendmail) or point the action at it (sendmailcmd = /path/to/sendmail).',
  },
  F2N_ERR_ACTION_TAG_LOOP: {
    message: "an action's <tags> refer to each other too deeply",
    remedy: 'Break the loop of action options whose values name each other as <tags>.',
  },
  F2N_ERR_ACTION_BAD_OPTION: {
    message: 'an action option has an invalid value',
    remedy: 'Fix the action option named in the message (see docs/actions.md for the accepted values).',
  },
  F2N_ERR_ACTION_BAD_ADDRESS: {
    message: 'an action was asked to ban or unban something that is not an IP address or network',
    remedy: 'A bug in the caller: report it with the log lines around it.',
  },
  F2N_ERR_ACTION_UNSAFE_TEMPLATE: {
    message: 'an action command puts a log-derived <tag> where its value cannot be passed safely',
    remedy:
      "Move the tag named in the message out of the quoted here-document (<<'EOF'), e.g. into an unquoted one (<<EOF) or a double-quoted argument.",
  },
  F2N_ERR_ACTION_UNSUPPORTED: {
    message: 'an action cannot be run by fail2nft',
    remedy: 'Replace the action named in the message (python .py actions) by an action.d .conf file.',
  },
  F2N_ERR_ACTION_STOPPED: {
    message: 'the action was already stopped',
    remedy: 'A bug in the caller: ban and unban only between start and stop.',
  },
  F2N_ERR_STORE_OPEN: {
    message: 'cannot open the ban database',
    remedy:
      "Check that the database file's directory exists and that fail2nft may read and write both (dbfile in fail2nft.conf, --db).",
  },
  F2N_ERR_STORE_CORRUPT: {
    message: 'the ban database file is damaged or not a database',
    remedy:
      'Move the file named in the message aside and start again (a new database is created; bans in the kernel are lost on the next restart), or repair it with sqlite3 .recover.',
  },
  F2N_ERR_STORE_FOREIGN_FILE: {
    message: 'the database file belongs to another program',
    remedy:
      "Point dbfile at a new path; to bring over fail2ban's bans, run fail2nft import-db with fail2ban's database.",
  },
  F2N_ERR_STORE_VERSION: {
    message: 'the ban database was written by a newer fail2nft',
    remedy: 'Run the newer fail2nft again, or move the file aside to start with an empty database.',
  },
  F2N_ERR_STORE_MIGRATION: {
    message: 'upgrading the ban database schema failed',
    remedy:
      'Nothing was changed (the upgrade is one transaction): check free space and permissions, then start again; report the message if it repeats.',
  },
  F2N_ERR_STORE_LOCKED: {
    message: 'the ban database is locked by another process',
    remedy:
      'Another fail2nft (or sqlite3 session) holds the file: stop it, or give each service its own dbfile.',
  },
  F2N_ERR_STORE_READ: {
    message: 'cannot read from the ban database',
    remedy:
      'Check the file named in the message (disk errors, permissions); see the cause in the error details.',
  },
  F2N_ERR_STORE_WRITE: {
    message: 'cannot write to the ban database',
    remedy:
      'Check free space and permissions of the file named in the message; the batch was not recorded, so it is not committed to the kernel either.',
  },
  F2N_ERR_STORE_CLOSED: {
    message: 'the ban database is closed',
    remedy: 'A bug in the caller: use the store only before close().',
  },
  F2N_ERR_STORE_BAD_OPTION: {
    message: 'invalid ban database option',
    remedy:
      'Fix the option named in the message (dbmaxmatches and friends in fail2nft.conf; a programming error in the caller otherwise).',
  },
  F2N_ERR_STORE_IMPORT: {
    message: "cannot import fail2ban's database",
    remedy:
      "Pass the path of fail2ban's dbfile (fail2ban-client get dbfile; usually /var/lib/fail2ban/fail2ban.sqlite3) written by fail2ban 0.11 or later (schema version 4).",
  },
  F2N_ERR_FIREWALL_BAD_OPTION: {
    message: 'invalid firewall option',
    remedy:
      'Fix the option named in the message (firewall settings in fail2nft.conf, or two jails whose names map to the same set name; a programming error in the caller otherwise).',
  },
  F2N_ERR_FIREWALL_ACTION_OPTION: {
    message: "a firewall action's port, protocol, type or blocktype cannot be used",
    remedy:
      'Fix the option named in the message in the jail or its action reference: ports are numbers, /etc/services names or a:b ranges; protocol is tcp, udp, sctp or all; blocktype a drop or a reject.',
  },
  F2N_ERR_FIREWALL_ACTION_APPROXIMATED: {
    message: 'a firewall action is applied with a simplification',
    remedy:
      'A warning: the message names what fail2nft does not reproduce (LOG rules, reject types, ufw application profiles); the ban still blocks the traffic.',
  },
  F2N_ERR_FIREWALL_UNAVAILABLE: {
    message: 'a firewall tool cannot be run',
    remedy:
      'Install the tool named in the message (nft: package nftables; ipset backend: ipset and iptables) or set firewall = dry-run.',
  },
  F2N_ERR_FIREWALL_COMMAND_FAILED: {
    message: 'the kernel refused a firewall transaction',
    remedy:
      "Read nft's or ipset's message in the error: a missing kernel module (nf_tables, ip_set), a table changed by hand, or an address the kernel refuses; failed bans are retried and then reported one by one.",
  },
  F2N_ERR_FIREWALL_NOT_STARTED: {
    message: 'the firewall backend is not started',
    remedy: 'A bug in the caller: start() the backend before applying bans.',
  },
  F2N_ERR_FIREWALL_BAD_ADDRESS: {
    message: 'not an IP address or network: not sent to the firewall',
    remedy:
      'A bug in the stage that produced the ban, or a wrong manual ban: give an IPv4/IPv6 address or a CIDR network.',
  },
  F2N_ERR_FIREWALL_UNKNOWN_JAIL: {
    message: 'a ban names a jail that has no firewall sets',
    remedy:
      'Ban only in enabled jails with a firewall action; after a reload, bans of removed jails are dropped.',
  },
  F2N_ERR_FIREWALL_BATCHER_CLOSED: {
    message: 'the ban batcher is closed',
    remedy: 'A bug in the caller: submit bans only before close().',
  },
  F2N_ERR_CONTROL_LISTEN: {
    message: 'cannot create the control socket',
    remedy:
      'Check the socket path (socket in fail2nft.conf, --socket): its directory must be creatable and writable by fail2nft, and the path must not be a regular file.',
  },
  F2N_ERR_CONTROL_IN_USE: {
    message: 'another fail2nft answers on the control socket',
    remedy:
      'Stop the running service first (fail2nft stop), or give the second one its own socket (--socket PATH).',
  },
  F2N_ERR_CONTROL_NOT_RUNNING: {
    message: 'fail2nft is not running',
    remedy:
      'Start the service (systemctl start fail2nft, or fail2nft start), or point --socket (or --config) at the socket of the running one.',
  },
  F2N_ERR_CONTROL_PERMISSION: {
    message: 'permission denied on the control socket',
    remedy:
      "The socket is mode 0600, owned by the service's user: run the command as that user (root, sudo).",
  },
  F2N_ERR_CONTROL_CONNECTION: {
    message: 'the control connection failed or the answer was not understood',
    remedy:
      'Check that the socket belongs to fail2nft and that client and service are the same version; the message names what went wrong.',
  },
  F2N_ERR_CONTROL_TIMEOUT: {
    message: 'fail2nft did not answer in time',
    remedy: 'The service is busy or stuck: look at its log; try again, or restart it.',
  },
  F2N_ERR_CONTROL_BAD_REQUEST: {
    message: 'malformed control request',
    remedy:
      'Send one JSON object per line: {"id": 1, "command": "status", "args": {}} (see docs/control.md); the message names the wrong field.',
  },
  F2N_ERR_CONTROL_UNKNOWN_COMMAND: {
    message: 'unknown control command',
    remedy:
      'Use one of the commands listed in docs/control.md (a newer client talking to an older service?).',
  },
  F2N_ERR_CONTROL_TOO_LARGE: {
    message: 'control request larger than the limit',
    remedy: 'Keep one request under 1 MiB: ban or unban long lists of addresses in several requests.',
  },
  F2N_ERR_CONTROL_BAD_ADDRESS: {
    message: 'not an IP address or network',
    remedy:
      'Give IPv4 or IPv6 addresses (192.0.2.7, 2001:db8::7) or CIDR networks (192.0.2.0/24); nothing was changed.',
  },
  F2N_ERR_CONTROL_UNKNOWN_JAIL: {
    message: 'no such jail',
    remedy: 'Use the name of a running jail: fail2nft status lists them.',
  },
  F2N_ERR_CONTROL_BUSY: {
    message: 'too many control connections',
    remedy: 'Close idle connections to the control socket (scripts that keep it open), then try again.',
  },
  F2N_ERR_CONTROL_NOT_BANNED: {
    message: 'some addresses were not banned',
    remedy: 'A report of set JAIL unbanip --report-absent: the addresses named were not banned in the jail.',
  },
  F2N_ERR_CONTROL_BAD_OPTION: {
    message: 'invalid control socket option',
    remedy:
      'Fix the option named in the message: socket = a file path of at most 107 bytes (a programming error in the caller for the other options).',
  },
  F2N_ERR_DEMO_STEP_FAILED: {
    message: 'a step of fail2nft demo failed',
    remedy:
      'The message names the step (network namespace, service start, kernel listing). The demo needs root with ip (iproute2) and nft for its namespace; run it with --dry-run otherwise.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof errorCodes;
