import { z } from 'zod';
import type { ResolvedConfig } from '../config.js';
import { problemTitles } from '../errors.js';
import { problemType } from './problem.js';
import type { RouteDefinition } from './route.js';

const statusOf: Record<string, number> = {
  bad_request: 400, invalid_token: 400, invalid_code: 400, invalid_passkey: 400, captcha_failed: 400,
  unauthenticated: 401, invalid_credentials: 401, challenge_expired: 401, forbidden: 403, csrf_rejected: 403,
  reauthentication_required: 403, email_not_verified: 403, account_disabled: 403, sign_up_disabled: 403, not_found: 404,
  limit_reached: 409, duplicate_key: 409, email_taken: 409, conflict: 409, weak_password: 422, password_reused: 422,
  invalid_scope: 422, invalid_ssh_key: 422, rate_limited: 429,
};

/** Builds the OpenAPI 3.1 document from the same route definitions the handler serves. */
export function buildOpenApi(routes: RouteDefinition[], config: ResolvedConfig): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (route.query) {
      const schema = z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(route.responses)) responses[status] = { description };
    const codes = new Set<string>([...(route.errors ?? []), 'validation_failed']);
    if (route.auth === 'user' || route.auth === 'session') codes.add('unauthenticated');
    const byStatus = new Map<number, string[]>();
    for (const code of codes) {
      const status = statusOf[code] ?? 422;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, list] of byStatus) {
      responses[String(status)] = { description: `Problem: ${list.join(', ')}`, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[/:-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      parameters,
      responses,
      security: route.auth === 'none' ? [] : route.auth === 'session' ? [{ sessionCookie: [] }] : [{ sessionCookie: [] }, { bearer: route.scopes ?? [] }],
    };
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) } } };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Latch HTTP API', version: '1.0.0', description: 'Accounts, sessions, second factors and keys.' },
    servers: [{ url: `${config.publicUrl}${config.basePath}` }],
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: config.sessionCookieName },
        bearer: { type: 'http', scheme: 'bearer', description: 'A JWT access token or an API key (prefix `' + config.apiKeys.prefix + '`)' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string', examples: [problemType('not_found')] },
            title: { type: 'string', examples: [problemTitles.not_found] },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.keys(problemTitles) },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
