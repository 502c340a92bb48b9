// fail2ban's sendmail-* and mail-* actions run natively: the message is composed here and handed to
// the local sendmail on standard input (argv, no shell), so no log text ever reaches a shell. Start
// and stop send a notice, a ban sends one mail (with whois and failure lines for the variants that
// have them), buffered variants send one summary per `lines` bans and the rest at flush and stop.
import type { Clock } from '../../core/clock.js';
import type { ActionHandler, ActionOperation, ActionOutcome, BanInfo } from '../action-handler.js';
import {
  DEFAULT_ACTION_TIMEOUT_MS,
  readBooleanOption,
  readTimeoutMs,
  type ActionOptionContext,
} from '../action-option-values.js';
import type { ActionSpec } from '../action-spec.js';
import { parseBanAddress, type HostNames } from '../ban-time-values.js';
import { ConcurrencyLimit } from '../concurrency-limit.js';
import { Fail2nftError } from '../../core/errors.js';
import { findExecutable } from '../find-executable-io.js';
import { systemHostNames } from '../host-names-io.js';
import { processOutcome } from '../process-outcome.js';
import type { ProcessRunner } from '../process-runner.js';
import { createQueuedAction, type ActionOperations } from '../queued-action.js';
import { composeMailMessage } from './compose-mail-message.js';
import { readMailSettings } from './mail-settings.js';
import {
  banMail,
  startedMail,
  stoppedMail,
  summaryMail,
  type BufferedBan,
  type MailText,
  type MailTextContext,
} from './mail-texts.js';
import type { MailVariant } from './mail-variant.js';
import { lookupWhois } from './whois-lookup.js';

export interface MailActionDeps {
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly jail: string;
  readonly timeoutMs?: number;
  readonly limit?: ConcurrencyLimit;
  readonly maxQueued?: number;
  readonly hostNames?: HostNames;
  /** Finds `whois` when the action has no whoiscmd; default: PATH lookup. */
  readonly findExecutable?: (name: string) => string | undefined;
}

/** Bans kept for a summary while sendmail keeps failing; older ones are counted, not listed. */
export const MAX_BUFFERED_BANS = 1000;

/** Throws F2N_ERR_ACTION_BAD_OPTION for a bad dest, sender, lines or timeout. */
export function createMailAction(
  spec: ActionSpec,
  variant: MailVariant,
  deps: MailActionDeps,
): ActionHandler {
  return createQueuedAction(
    { name: spec.name, jail: deps.jail, file: spec.file, kind: 'mail' },
    createMailOperations(spec, variant, deps),
    {
      limit: deps.limit ?? new ConcurrencyLimit(1),
      ...(deps.maxQueued === undefined ? {} : { maxQueued: deps.maxQueued }),
    },
  );
}

export function createMailOperations(
  spec: ActionSpec,
  variant: MailVariant,
  deps: MailActionDeps,
): ActionOperations {
  const context: ActionOptionContext = { jail: deps.jail, action: spec.name };
  const hostNames = deps.hostNames ?? systemHostNames();
  const settings = readMailSettings(spec.options, context, hostNames);
  const timeoutMs = readTimeoutMs(spec.options, deps.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS, context);
  const norestored = readBooleanOption(spec.options, 'norestored', context) ?? false;
  const textContext: MailTextContext = {
    jail: deps.jail,
    host: hostNames.fq,
    subjectPrefix: settings.subjectPrefix,
  };
  const whoisArgv =
    settings.whoisArgv ??
    (variant.whois
      ? (() => {
          const found = (deps.findExecutable ?? findExecutable)('whois');
          return found === undefined ? undefined : [found];
        })()
      : undefined);

  let buffered: BufferedBan[] = [];
  let omitted = 0;

  const send = async (operation: ActionOperation, text: MailText): Promise<ActionOutcome> => {
    const message = composeMailMessage({
      ...(settings.from === undefined ? {} : { from: settings.from }),
      to: settings.recipients,
      subject: text.subject,
      dateMs: deps.clock.now(),
      body: text.body,
    });
    const result = await deps.runner({ argv: settings.sendmailArgv, stdin: message, timeoutMs });
    return processOutcome(result, {
      jail: deps.jail,
      action: spec.name,
      operation,
      what: settings.sendmailArgv[0] ?? 'sendmail',
      timeoutMs,
    });
  };

  const sendSummary = async (operation: ActionOperation): Promise<ActionOutcome> => {
    if (buffered.length === 0) return { ok: true, operation, skipped: 'empty' };
    const outcome = await send(operation, summaryMail(textContext, buffered, omitted));
    if (outcome.ok) {
      buffered = [];
      omitted = 0;
    }
    return outcome;
  };

  const ban = async (info: BanInfo): Promise<ActionOutcome> => {
    if (norestored && info.restored === true) return { ok: true, operation: 'ban', skipped: 'restored' };
    const address = parseBanAddress(info.address);
    if (address === undefined)
      return {
        ok: false,
        operation: 'ban',
        error: new Fail2nftError(
          'F2N_ERR_ACTION_BAD_ADDRESS',
          `jail ${deps.jail}, action ${spec.name}: '${info.address}' is not an IP address or network`,
          { jail: deps.jail, action: spec.name },
        ),
      };
    const ban: BanInfo = { ...info, address: address.text };
    if (variant.buffered) {
      buffered.push({ address: ban.address, failures: ban.failures, timeMs: ban.startMs });
      if (buffered.length > MAX_BUFFERED_BANS) {
        omitted += buffered.length - MAX_BUFFERED_BANS;
        buffered = buffered.slice(-MAX_BUFFERED_BANS);
      }
      if (buffered.length < settings.lines) return { ok: true, operation: 'ban', skipped: 'buffered' };
      return sendSummary('ban');
    }
    const whois = variant.whois
      ? await lookupWhois(ban.address, {
          runner: deps.runner,
          argv: whoisArgv,
          timeoutMs,
          host: hostNames.fq,
        })
      : undefined;
    return send('ban', banMail(textContext, ban, variant.lines, whois));
  };

  return {
    canFlush: variant.buffered,
    start: () => send('start', startedMail(textContext, variant.buffered ? settings.lines : undefined)),
    ban,
    unban: () => Promise.resolve({ ok: true, operation: 'unban', skipped: 'empty' }),
    flush: () => sendSummary('flush'),
    stop: async () => {
      const summary = await sendSummary('stop');
      const stopped = await send('stop', stoppedMail(textContext));
      return summary.ok ? stopped : summary;
    },
  };
}
