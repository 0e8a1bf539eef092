/**
 * The client-facing shape of an OpenAPI document, for compatibility checks: per operation
 * (`METHOD /path`), its query parameters, its request body schema and its response statuses.
 * Summaries, descriptions and response bodies are left out: they may change freely.
 */

/** A JSON Schema, as zod emits it. */
export type JsonSchema = Record<string, unknown>;

/** One query parameter of an operation. */
export interface QueryShape {
  required: boolean;
  schema: JsonSchema;
}

/** What a client sends to an operation, and the statuses it may get back. */
export interface OperationShape {
  query: Record<string, QueryShape>;
  /** The `application/json` request body schema, or null when the operation takes none. */
  body: JsonSchema | null;
  responses: string[];
}

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content: { 'application/json'?: { schema: JsonSchema } } };
  responses: Record<string, unknown>;
}

/** Reduces an OpenAPI document to `{ "METHOD /path": OperationShape }`, keys sorted. */
export function operationShapes(document: { paths: Record<string, Record<string, Operation>> }): Record<string, OperationShape> {
  const shapes: Record<string, OperationShape> = {};
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const query: Record<string, QueryShape> = {};
      for (const p of operation.parameters ?? []) if (p.in === 'query') query[p.name] = { required: p.required ?? false, schema: p.schema };
      shapes[`${method.toUpperCase()} ${path}`] = {
        query,
        body: operation.requestBody?.content['application/json']?.schema ?? null,
        responses: Object.keys(operation.responses).sort(),
      };
    }
  }
  return Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
}
