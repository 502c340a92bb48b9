// fail2ban's regex dialect (Python `re` with fail2ban's tags) translated for RE2: the public surface.
export {
  assertFailureId,
  compileFailregex,
  groupText,
  groupValues,
  matchSpan,
  type CompiledFailregex,
  type CompileFailregexOptions,
  type Re2Match,
  type RegexRole,
} from './compile-failregex.js';
export { compileTranslation, type CompiledTranslation } from './compile-translation.js';
export { expandRegexTags, type UseDns } from './expand-regex-tags.js';
export { FAILURE_ID_GROUPS, FAILURE_ID_PRESENT_GROUPS } from './failregex-group-names.js';
export type { PostMatchCheck } from './post-match-check.js';
export type { RequiredLiterals } from './required-literals.js';
export { summarizeTranslations, type TranslationSummary } from './summarize-translations.js';
export {
  translatePythonRegex,
  type Re2Translation,
  type TranslateOptions,
  type TranslationMethod,
} from './translate-python-regex.js';
