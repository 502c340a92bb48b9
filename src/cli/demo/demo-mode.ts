// Where the demo runs the service: in its own network namespace with real nftables bans (root, with ip
// and nft installed), or as a dry run on the host, where bans are decided and logged only.

export type DemoMode =
  { readonly kind: 'namespace' } | { readonly kind: 'dry-run'; readonly notice?: string };

export interface DemoHost {
  readonly dryRunRequested: boolean;
  readonly isRoot: boolean;
  /** Tools the namespace mode needs (ip, nft) that are not installed. */
  readonly missingTools: readonly string[];
}

export const notRootNotice =
  'not root: running with --dry-run (bans are decided and logged, nothing reaches the kernel)';

export function chooseDemoMode(host: DemoHost): DemoMode {
  if (host.dryRunRequested) return { kind: 'dry-run' };
  if (!host.isRoot) return { kind: 'dry-run', notice: notRootNotice };
  if (host.missingTools.length > 0)
    return {
      kind: 'dry-run',
      notice: `${host.missingTools.join(' and ')} not installed: running with --dry-run (bans are decided and logged, nothing reaches the kernel)`,
    };
  return { kind: 'namespace' };
}
