import { z } from 'zod';

/**
 * Response schemas that OpenAPI shows as named components (`#/components/schemas/<id>`) rather
 * than inline. A registry of its own, so request schemas and host code never collide with an id.
 */
export const responseComponents = z.registry<{ id: string }>();

/** Registers `schema` as the OpenAPI component `id` and returns it. */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  responseComponents.add(schema, { id });
  return schema;
}

/** An ISO 8601 UTC time, as every time in the API is written. */
export const isoTime = z.iso.datetime();

/** One page of a list: `{ items, nextCursor }`, `nextCursor` null at the end. */
export function pageOf<S extends z.ZodType>(item: S) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** `202 { status: 'accepted' }`: the request was taken (the same answer whatever the outcome). */
export const acceptedSchema = named('Accepted', z.object({ status: z.literal('accepted') }));

/** `202 { status: 'sent' }`: a code is on its way. */
export const sentSchema = named('Sent', z.object({ status: z.literal('sent') }));

/** The body of a `202 { status: 'accepted' }` answer. */
export const accepted = { status: 'accepted' } as const;

/** The body of a `202 { status: 'sent' }` answer. */
export const sent = { status: 'sent' } as const;
