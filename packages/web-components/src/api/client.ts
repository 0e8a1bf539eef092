import type { LatchProblemCode } from './problem-codes.js';
import type { OptionsArgs, BodyArgs, PathsFor, ResponseOf } from './operations.js';
import type { Me, PublicConfig } from './types.js';

/** Path parameters and query of an untyped {@link LatchClient.request}. */
export interface RawOptions {
  params?: Record<string, string> | undefined;
  query?: Record<string, string | number | boolean | undefined> | undefined;
}

/** One field problem of a `validation_failed` answer. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Codes the client reports itself: the server could not be reached, or a passkey prompt was dismissed. */
export type ClientProblemCode = 'network_error' | 'passkey_cancelled';

/**
 * An RFC 9457 problem answered by the server, or `network_error` (status 0) when it could not be
 * reached. Components branch on `code`, never on the message.
 */
export class LatchProblem extends Error {
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The stable snake_case code, for example `invalid_credentials` (see docs/reference/errors.md). */
  readonly code: LatchProblemCode | ClientProblemCode;
  readonly detail: string | undefined;
  /** Field problems of a `validation_failed` answer. */
  readonly errors: FieldProblem[];
  /** Why a password was refused (`weak_password`), as sentences to show. */
  readonly reasons: string[];
  /** The same reasons as stable codes (`min_length`, `breached`…). */
  readonly reasonCodes: string[];
  /** Seconds to wait (`rate_limited`). */
  readonly retryAfterSeconds: number | undefined;
  /** Members the problem carries beyond the standard ones (documented per code, e.g. the invited `email`). */
  readonly extensions: Record<string, unknown>;

  constructor(body: Record<string, any>, retryAfter?: number) {
    super(body.detail ?? body.title ?? body.code);
    this.name = 'LatchProblem';
    this.status = body.status ?? 0;
    this.code = body.code ?? 'internal_error';
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    // The server sends codes in `reasons` and sentences in `messages` (older servers: sentences in `reasons`).
    this.reasons = Array.isArray(body.messages) ? body.messages : Array.isArray(body.reasons) ? body.reasons : [];
    this.reasonCodes = Array.isArray(body.messages) && Array.isArray(body.reasons) ? body.reasons : [];
    this.retryAfterSeconds = retryAfter ?? body.retryAfter;
    const { type: _type, title: _title, status: _status, code: _code, detail: _detail, errors: _errors, ...extensions } = body;
    this.extensions = extensions;
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
 * client never sees a token; failures throw {@link LatchProblem}. `get`, `post`, `patch` and
 * `delete` are typed from the generated contract by path and method: the body is checked and the
 * answer has the server's type.
 * @example
 * const client = new LatchClient({ baseUrl: '/auth' });
 * const me = await client.me();
 * const { apiKey, secret } = await client.post('/me/api-keys', { name: 'CI', scopes: ['read'] });
 * await client.delete('/me/api-keys/{id}', { params: { id: apiKey.id } });
 */
export class LatchClient {
  readonly baseUrl: string;
  readonly credentials: RequestCredentials;
  private configPromise: Promise<PublicConfig> | undefined;

  constructor(options: LatchClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '/auth').replace(/\/+$/, '');
    this.credentials = options.credentials ?? 'same-origin';
  }

  /**
   * Sends one request; JSON in and out. Throws {@link LatchProblem} on any non-2xx answer. Untyped:
   * for endpoints a host adds beyond the contract (the typed methods below cover the contract).
   * `{name}` in `path` is replaced by the encoded `params[name]`; `query` members that are not
   * undefined are appended.
   */
  async request<T = unknown>(method: string, path: string, body?: unknown, options: RawOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.append(name, String(value));
    const url = this.baseUrl + path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? '')) + (String(query) ? `?${query}` : '');
    let response: Response;
    try {
      response = await fetch(url, {
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

  /** `GET` an operation of the contract: `client.get('/me/activity', { query: { limit: 20 } })`. */
  get<P extends PathsFor<'get'>>(path: P, ...[options]: OptionsArgs<P, 'get'>): Promise<ResponseOf<P, 'get'>> {
    return this.request('GET', path, undefined, options);
  }

  /** `POST` an operation of the contract: `client.post('/me/api-keys', { name, scopes })`. The body defaults to `{}`. */
  post<P extends PathsFor<'post'>>(path: P, ...[body, options]: BodyArgs<P, 'post'>): Promise<ResponseOf<P, 'post'>> {
    return this.request('POST', path, body ?? {}, options);
  }

  /** `PATCH` an operation of the contract: `client.patch('/me/passkeys/{id}', { name }, { params: { id } })`. */
  patch<P extends PathsFor<'patch'>>(path: P, ...[body, options]: BodyArgs<P, 'patch'>): Promise<ResponseOf<P, 'patch'>> {
    return this.request('PATCH', path, body ?? {}, options);
  }

  /** `DELETE` an operation of the contract: `client.delete('/me/sessions/{id}', { params: { id } })`; a reauth one takes `body`. */
  delete<P extends PathsFor<'delete'>>(path: P, ...[options]: OptionsArgs<P, 'delete'>): Promise<ResponseOf<P, 'delete'>> {
    const { body, ...rest } = (options ?? {}) as RawOptions & { body?: unknown };
    return this.request('DELETE', path, body, rest);
  }

  /** `GET /config`, fetched once per client. */
  config(): Promise<PublicConfig> {
    this.configPromise ??= this.get('/config').catch((error) => {
      this.configPromise = undefined;
      throw error;
    });
    return this.configPromise;
  }

  /** `GET /me`, or null when nobody is signed in. */
  async me(): Promise<Me | null> {
    try {
      return await this.get('/me');
    } catch (error) {
      if (error instanceof LatchProblem && error.status === 401) return null;
      throw error;
    }
  }
}
