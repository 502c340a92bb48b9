// Reads the Grafana dashboard shipped in grafana/ and lists its PromQL: every panel target (rows'
// nested panels included) and every variable query, with Grafana's variables substituted on demand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/project-paths.js';

export const grafanaDir = join(projectRoot, 'grafana');
export const dashboardPath = join(grafanaDir, 'dashboards', 'fail2nft.json');

interface PanelTarget {
  readonly refId?: string;
  readonly expr?: string;
}

export interface DashboardPanel {
  readonly id?: number;
  readonly type: string;
  readonly title: string;
  readonly panels?: readonly DashboardPanel[];
  readonly targets?: readonly PanelTarget[];
  readonly datasource?: { readonly type?: string; readonly uid?: string };
}

export interface DashboardVariable {
  readonly name: string;
  readonly type: string;
  readonly query?: string | { readonly query?: string };
  readonly multi?: boolean;
  readonly includeAll?: boolean;
  readonly allValue?: string;
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly DashboardPanel[];
  readonly templating: { readonly list: readonly DashboardVariable[] };
}

export interface PanelQuery {
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
}

export function loadDashboard(path = dashboardPath): Dashboard {
  return JSON.parse(readFileSync(path, 'utf8')) as Dashboard;
}

/** Every panel that shows data (rows are containers), nested row panels included. */
export function listDataPanels(dashboard: Dashboard): DashboardPanel[] {
  const out: DashboardPanel[] = [];
  const visit = (panels: readonly DashboardPanel[]): void => {
    for (const panel of panels) {
      if (panel.type === 'row') visit(panel.panels ?? []);
      else out.push(panel);
    }
  };
  visit(dashboard.panels);
  return out;
}

export function listPanelQueries(dashboard: Dashboard): PanelQuery[] {
  return listDataPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      panel: panel.title,
      refId: target.refId ?? '?',
      expr: target.expr ?? '',
    })),
  );
}

export function listVariableQueries(dashboard: Dashboard): { name: string; query: string }[] {
  return dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => ({
      name: variable.name,
      query: typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? ''),
    }));
}

export interface VariableValues {
  /** Regex for instance=~ (the scrape target, dots escaped, or .*). */
  readonly instance: string;
  /** Regex for jail=~ (.* as Grafana's "All"). */
  readonly jail: string;
  /** For $__rate_interval and $__interval (default 1m). */
  readonly interval?: string;
  /** For $__range (default 1m). */
  readonly range?: string;
}

/** Replaces Grafana's variables as Grafana would before sending the query to Prometheus. */
export function substituteVariables(expr: string, values: VariableValues): string {
  const interval = values.interval ?? '1m';
  const named: Readonly<Record<string, string>> = {
    __rate_interval: interval,
    __interval: interval,
    __range: values.range ?? '1m',
    instance: values.instance,
    jail: values.jail,
  };
  return expr.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (whole, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const value = named[name];
      if (value === undefined) throw new Error(`unknown dashboard variable ${whole} in ${expr}`);
      return value;
    },
  );
}

/** A regex matching exactly the given text, escaped for a PromQL double-quoted string (instance=~"..."). */
export function promqlRegexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
}
