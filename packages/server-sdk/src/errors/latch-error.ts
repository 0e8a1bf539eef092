import { errorRegistry, type ErrorStatus, type LatchErrorCode } from './registry.js';

/** One problem with one input field, as listed in a problem's `errors` member. */
export interface FieldError {
  /** The field's name in the request body (dotted for nested fields). */
  field: string;
  /** A stable code for what is wrong (`required`, `too_long`, `invalid_email`, …). */
  code: string;
  /** A human sentence; never echoes secrets. */
  message: string;
}

/** Options every Latch error accepts. */
export interface LatchErrorOptions {
  /** Occurrence-specific explanation shown to the client (never secrets). */
  detail?: string;
  /** The underlying error, kept for logs. */
  cause?: unknown;
  /** Field-level problems. */
  errors?: FieldError[];
  /** Extra members to put in the problem body (documented per code). */
  extensions?: Record<string, unknown>;
}

/**
 * Base class of every error Latch throws on purpose. The status, title and default message come
 * from `errorRegistry` by code; subclasses add typed data and the response headers they need.
 */
export abstract class LatchError<C extends LatchErrorCode = LatchErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;
  /** HTTP status this error maps to. */
  readonly status: ErrorStatus<C>;
  /** The problem title of the code. */
  readonly title: string;
  /**
   * Whether `detail` may be shown to clients: below 500; for 503, whose detail only says when to
   * come back; for `body_already_read`, whose detail names the host app's misconfiguration. Other
   * 5xx answers never carry one.
   */
  readonly expose: boolean;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(code: C, options: LatchErrorOptions = {}) {
    const spec = errorRegistry[code];
    super(options.detail ?? spec.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = spec.status as ErrorStatus<C>;
    this.title = spec.title;
    this.expose = spec.status < 500 || spec.status === 503 || code === 'body_already_read';
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }

  /** Response headers the problem for this error carries (names in lower case); none by default. */
  headers(): Record<string, string> {
    return {};
  }
}
