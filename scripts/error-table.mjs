// Prints the README's table of error codes from the registry (run after a build):
//   node scripts/error-table.mjs
import { errorCodes } from '../dist/src/core/error-codes.js';

console.log('| code | meaning | what to do |');
console.log('|---|---|---|');
for (const [code, info] of Object.entries(errorCodes)) {
  console.log(`| \`${code}\` | ${info.message} | ${info.remedy.replace(/\|/g, '\\|')} |`);
}
