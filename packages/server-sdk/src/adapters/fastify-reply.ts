import type { FastifyReply } from 'fastify';
import type { LatchResponse } from '../http/response.js';

/** Writes a {@link LatchResponse} to a Fastify reply, exactly as Latch made it. */
export function sendLatchResponse(reply: FastifyReply, response: LatchResponse): FastifyReply {
  reply.code(response.status).headers(response.headers);
  // A bodiless answer (204, a redirect) gets no Content-Type; an empty text answer keeps its own.
  if (response.body === '' && !response.headers['content-type']) return reply.send();
  // As bytes, so neither a reply serializer nor Fastify's charset rule rewrites the answer.
  return reply.send(Buffer.from(response.body));
}
