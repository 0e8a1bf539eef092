/**
 * Counts requests that arrive with and without `X-Forwarded-For`, so `latch-server doctor` can
 * tell whether TRUST_PROXY matches how traffic really arrives. Health and metrics probes are left
 * out: they often come straight from an orchestrator, not through the proxy.
 */
export interface ProxyHeaderTally {
  observe(path: string, forwardedFor: string | undefined): void;
  counts(): { forwarded: number; direct: number };
}

const probes = new Set(['/healthz', '/readyz', '/metrics']);

/** A fresh {@link ProxyHeaderTally}. */
export function createProxyHeaderTally(): ProxyHeaderTally {
  let forwarded = 0;
  let direct = 0;
  return {
    observe(path, forwardedFor) {
      if (probes.has(path)) return;
      if (forwardedFor) forwarded++;
      else direct++;
    },
    counts: () => ({ forwarded, direct }),
  };
}
