import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** A weak validator of a body: the same body, the same tag. */
export function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Tags the answer; when the client already holds this version (If-None-Match), turns it into a
 * 304 and says so: the caller then sends no body. For the few answers meant to be cached and
 * revalidated; API answers are `no-store` and carry no tag.
 */
export function answeredFromClientCache(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('ETag', etag);
  const held = request.headers['if-none-match'];
  if (held === undefined || !held.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return false;
  reply.status(304);
  return true;
}
