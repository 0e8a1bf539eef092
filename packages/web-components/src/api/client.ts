import type { Me, PublicConfig } from './types.js';

/** One field problem of a `validation_failed` answer. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * An RFC 9457 problem answered by the server, or `network_error` (status 0) when it could not be
 * reached. Components branch on `code`, never on the message.
 */
export class LatchProblem extends Error {
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The stable snake_case code, for example `invalid_credentials`. */
  readonly code: string;
  readonly detail: string | undefined;
  /** Field problems of a `validation_failed` answer. */
  readonly errors: FieldProblem[];
  /** Why a password was refused (`weak_password`). */
  readonly reasons: string[];
  /** Seconds to wait (`rate_limited`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(body: Record<string, any>, retryAfter?: number) {
    super(body.detail ?? body.title ?? body.code);
    this.name = 'LatchProblem';
    this.status = body.status ?? 0;
    this.code = body.code ?? 'internal_error';
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.reasons = Array.isArray(body.reasons) ? body.reasons : [];
    this.retryAfterSeconds = retryAfter ?? body.retryAfter;
  }
}

/** Options of {@link LatchClient}. */
export interface LatchClientOptions {
  /** Where the Latch API is mounted. Default `/auth`. */
  baseUrl?: string | undefined;
  /** `include` when the API lives on another origin that trusts this page. Default `same-origin`. */
  credentials?: RequestCredentials | undefined;
}

/**
 * A small fetch client for the Latch HTTP API. The session lives in an HttpOnly cookie, so the
 * client never sees a token; failures throw {@link LatchProblem}.
 * @example
 * const client = new LatchClient({ baseUrl: '/auth' });
 * const me = await client.me();
 */
export class LatchClient {
  readonly baseUrl: string;
  readonly credentials: RequestCredentials;
  private configPromise: Promise<PublicConfig> | undefined;

  constructor(options: LatchClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '/auth').replace(/\/+$/, '');
    this.credentials = options.credentials ?? 'same-origin';
  }

  /** Sends one request; JSON in and out. Throws {@link LatchProblem} on any non-2xx answer. */
  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method, headers, credentials: this.credentials, body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new LatchProblem({ status: 0, code: 'network_error' });
    }
    const text = await response.text();
    let data: any;
    try { data = text ? JSON.parse(text) : undefined; } catch { data = undefined; }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after')) || undefined;
      throw new LatchProblem(data && typeof data === 'object' ? data : { status: response.status, code: 'internal_error' }, retryAfter);
    }
    return data as T;
  }

  get<T = any>(path: string): Promise<T> { return this.request<T>('GET', path); }
  post<T = any>(path: string, body: unknown = {}): Promise<T> { return this.request<T>('POST', path, body); }
  patch<T = any>(path: string, body: unknown): Promise<T> { return this.request<T>('PATCH', path, body); }
  delete<T = any>(path: string): Promise<T> { return this.request<T>('DELETE', path); }

  /** `GET /config`, fetched once per client. */
  config(): Promise<PublicConfig> {
    this.configPromise ??= this.get<PublicConfig>('/config').catch((error) => {
      this.configPromise = undefined;
      throw error;
    });
    return this.configPromise;
  }

  /** `GET /me`, or null when nobody is signed in. */
  async me(): Promise<Me | null> {
    try {
      return await this.get<Me>('/me');
    } catch (error) {
      if (error instanceof LatchProblem && error.status === 401) return null;
      throw error;
    }
  }
}
