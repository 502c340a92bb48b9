// What the actions stage needs of a configured action. The config stage's ActionSettings has this
// shape (the stage cannot import config; the composition root passes ActionSettings as it is).

export interface ActionSpec {
  /** The action's unique name in its jail (fail2ban's actname). */
  readonly name: string;
  /** The action.d file name without .conf (`sendmail-whois`), or a python file (`smtp.py`). */
  readonly file: string;
  /**
   * Option values as fail2ban resolves them: action* commands with ban-time <tags> left, init
   * options, and family-conditional options named `name?family=inet6`.
   */
  readonly options: Readonly<Record<string, string>>;
}
