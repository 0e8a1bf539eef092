import type { MailStats } from '../mail/outbox.js';
import { MetricsRegistry } from './registry.js';

/** One API request as the handler reports it. */
export interface RequestObservation {
  method: string;
  /** The matched route pattern (`/me/sessions/:id`), never the raw path; `unmatched` otherwise. */
  route: string;
  status: number;
  seconds: number;
  /** The problem's `code` when the request was refused. */
  code?: string | null;
  /** The route's JSON answer when it succeeded. */
  result?: unknown;
}

/**
 * How one sign-in attempt ended, as `latch_sign_ins_total{step,outcome}` counts it. A password
 * step that asks for a second factor counts `second_factor_required` (neither a success nor a
 * failure); the second step then counts `ok` once, or `failed` for a wrong code.
 */
export type SignInOutcomeLabel =
  | 'ok' | 'second_factor_required' | 'failed' | 'expired' | 'rate_limited' | 'captcha_failed' | 'refused' | 'invalid_request' | 'error';

/** The routes that end a sign-in step, and the step each is. */
export const signInSteps: Readonly<Record<string, 'password' | 'two_factor' | 'passkey'>> = {
  '/sign-in': 'password',
  '/sign-in/two-factor': 'two_factor',
  '/sign-in/passkey': 'passkey',
};

const outcomeOfCode: Readonly<Record<string, SignInOutcomeLabel>> = {
  invalid_credentials: 'failed',
  invalid_code: 'failed',
  invalid_passkey: 'failed',
  challenge_expired: 'expired',
  rate_limited: 'rate_limited',
  captcha_failed: 'captcha_failed',
  validation_failed: 'invalid_request',
  bad_request: 'invalid_request',
  payload_too_large: 'invalid_request',
  unsupported_media_type: 'invalid_request',
  body_already_read: 'error',
};

/** Classifies a finished sign-in request (see {@link SignInOutcomeLabel}). */
export function signInOutcome(observation: Pick<RequestObservation, 'status' | 'code' | 'result'>): SignInOutcomeLabel {
  if (observation.status < 400) {
    const pending = (observation.result as { twoFactorRequired?: unknown } | undefined)?.twoFactorRequired === true;
    return pending ? 'second_factor_required' : 'ok';
  }
  if (observation.status >= 500) return 'error';
  return (observation.code && outcomeOfCode[observation.code]) || 'refused';
}

/** The parts of a Latch instance the built-in families read at render time. */
export interface LatchMetricSources {
  mailStats: Readonly<MailStats>;
}

/** Latch's registry with its built-in families, and the handler's observer. */
export interface LatchMetrics {
  readonly registry: MetricsRegistry;
  observeRequest(observation: RequestObservation): void;
}

/** Latency buckets in seconds: argon2 sign-ins sit near 50–250 ms, cached reads under 5 ms. */
const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Makes the registry `latch.metrics()` returns: requests and latency by route, sign-in outcomes,
 * emails queued/sent/failed/retried. Features add their own families to the same registry.
 */
export function createLatchMetrics(sources: LatchMetricSources): LatchMetrics {
  const registry = new MetricsRegistry();
  const requests = registry.counter({ name: 'latch_http_requests_total', help: 'API requests by method, route pattern and status', labelNames: ['method', 'route', 'status'] });
  const latency = registry.histogram({ name: 'latch_http_request_duration_seconds', help: 'API request latency by method and route pattern', labelNames: ['method', 'route'], buckets: latencyBuckets });
  const signIns = registry.counter({ name: 'latch_sign_ins_total', help: 'Sign-in steps by step (password, two_factor, passkey) and outcome; a finished sign-in counts ok once', labelNames: ['step', 'outcome'] });
  for (const [key, text] of [['queued', 'Emails queued in the outbox'], ['sent', 'Emails the mail server accepted'], ['failed', 'Emails given up on after the last attempt'], ['retried', 'Delivery attempts that failed and will be retried']] as const) {
    registry.counter({ name: `latch_emails_${key}_total`, help: `${text} since this process started`, collect: () => sources.mailStats[key] });
  }
  return {
    registry,
    observeRequest(observation) {
      requests.inc({ method: observation.method, route: observation.route, status: observation.status });
      latency.observe({ method: observation.method, route: observation.route }, observation.seconds);
      const step = signInSteps[observation.route];
      if (step && observation.method.toUpperCase() === 'POST') signIns.inc({ step, outcome: signInOutcome(observation) });
    },
  };
}
