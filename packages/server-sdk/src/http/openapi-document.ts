import { z } from 'zod';

/** `GET /openapi.json`: an OpenAPI 3.1 document (its paths and components are described by the spec, not here). */
export const openApiDocumentSchema = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.array(z.object({ url: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** The OpenAPI document Latch serves. */
export type OpenApiDocument = z.infer<typeof openApiDocumentSchema>;
