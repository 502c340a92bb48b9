// fail2ban's tag substitution for one action command, in two passes: the action's options
// (configuration, trusted, recursive, family-conditional) and then the ban-time values (from the ban
// and the log, passed safely: see render-shell-template.ts). Pure; the command action precomputes
// the first pass and the compiled template once per command and family.
import { compileShellTemplate } from './compile-shell-template.js';
import { expandActionOptions, type TagFamily } from './expand-action-options.js';
import { renderShellTemplate, type BanTimeValues, type RenderedCommand } from './render-shell-template.js';

export interface ActionTagValues {
  /** The action's options as the configuration resolved them (ActionSettings.options). */
  readonly options: Readonly<Record<string, string>>;
  /** Selects `option?family=inet6` values; '' when the operation has no address. */
  readonly family?: TagFamily;
  /** Ban-time values by tag name: ip, fid, family, failures, time, bantime, bancount, matches, F-USER, ... */
  readonly banTime: BanTimeValues;
}

/**
 * Returns the script for `/bin/sh -c` and the environment it needs. Throws F2N_ERR_ACTION_TAG_LOOP
 * for options that refer to each other endlessly and F2N_ERR_ACTION_UNSAFE_TEMPLATE for a
 * log-derived tag in a quoted here-document.
 */
export function substituteActionTags(template: string, values: ActionTagValues): RenderedCommand {
  const expanded = expandActionOptions(template, values.options, values.family ?? '');
  return renderShellTemplate(compileShellTemplate(expanded), values.banTime);
}
