// tsc writes plain files; the `fail2nft` bin must be executable for `npx fail2nft` in a checkout.
import { chmodSync } from 'node:fs';

chmodSync('dist/src/cli/main.js', 0o755);
