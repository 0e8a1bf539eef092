import { z } from 'zod';
import type { ResolvedConfig } from '../core/config.js';
import { errorCodes, errorRegistry, type LatchErrorCode } from '../errors.js';
import { problemType } from './problem.js';
import { routeErrorCodes } from './route-errors.js';
import type { RouteDefinition } from '../core/route.js';
import { createResponseSchemas, type ResponseSchemas } from './openapi-responses.js';
import type { OpenApiDocument } from './openapi-document.js';

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** The problem responses of a route, one per status, each naming its codes. */
function problemResponses(route: RouteDefinition): Record<string, unknown> {
  const byStatus = new Map<number, LatchErrorCode[]>();
  for (const code of routeErrorCodes(route)) {
    const { status } = errorRegistry[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = { description: `Problem: ${codes.join(', ')}`, content: problemContent };
  }
  return responses;
}

/** The success responses of a route: its `response` schema as JSON, text/plain for a text route, no body for a 204. */
function successResponses(route: RouteDefinition, schemas: ResponseSchemas): Record<string, unknown> {
  const content = route.textResponse
    ? { 'text/plain': { schema: { type: 'string' } } }
    : route.response && { 'application/json': { schema: schemas.schemaOf(route.response) } };
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(route.responses)) {
    responses[status] = content && status !== '204' ? { description, content } : { description };
  }
  return responses;
}

/** Builds the OpenAPI 3.1 document from the same route definitions the handler serves. */
export function buildOpenApi(routes: RouteDefinition[], config: ResolvedConfig): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const responseSchemas = createResponseSchemas();
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (route.query) {
      const schema = z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s });
      }
    }
    const responses = { ...successResponses(route, responseSchemas), ...problemResponses(route) };
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
        ...responseSchemas.components,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string', examples: [problemType('not_found')] },
            title: { type: 'string', examples: [errorRegistry.not_found.title] },
            status: { type: 'integer' },
            code: { type: 'string', enum: errorCodes },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
