/** Facts about the request a service call serves: who is calling from where. */
export interface RequestContext {
  /** Client address (from the socket, or `X-Forwarded-For` behind a trusted proxy). */
  ip: string | null;
  /** The raw `User-Agent` header. */
  userAgent: string | null;
  /** Correlation id, also returned to the client. */
  requestId: string;
}

/** A context for calls that do not come from an HTTP request (CLI, jobs, tests). */
export function systemContext(requestId = 'system'): RequestContext {
  return { ip: null, userAgent: null, requestId };
}
