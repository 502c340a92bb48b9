export { loadConfig, loadConfigOrThrow, type LoadResult, type LoadOptions } from './load-config.js';
export { formatProblem, type ConfigProblem } from './config-problem.js';
export { expandLogPath } from './expand-log-paths.js';
export type * from './config-types.js';
export { loadFilter, type FilterLoadRequest, type FilterLoadResult } from './load-filter.js';
export { parseOptionReference } from './parse-option-reference.js';
