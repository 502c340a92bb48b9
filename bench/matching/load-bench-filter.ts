// A filter reference (`postfix[mode=auth]`) from a configuration directory's filter.d as the FilterSpec
// the matchers take, with usedns = no: fail2ban-regex runs with --usedns no in the comparison, and the
// matching stage never resolves names (see test/matching/fail2ban-regex-parity.test.ts).
import { formatProblem } from '../../src/config/config-problem.js';
import { loadFilter } from '../../src/config/load-filter.js';
import { parseOptionReference } from '../../src/config/parse-option-reference.js';
import { Fail2nftError } from '../../src/core/errors.js';
import type { FilterSpec } from '../../src/core/filter-spec.js';
import { filterSpecOf } from '../../src/service/filter-spec-of.js';

export function loadBenchFilter(configDir: string, reference: string): FilterSpec {
  const { name, params } = parseOptionReference(reference);
  const result = loadFilter({ configDir, filter: name, params });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (result.filter === undefined || errors.length > 0) {
    throw new Fail2nftError(
      'F2N_ERR_CONFIG_SYNTAX',
      `cannot load ${reference} from ${configDir}: ${result.problems.map(formatProblem).join('; ')}`,
    );
  }
  const f = result.filter;
  return filterSpecOf(f, reference, 'no');
}
