import { z } from 'zod';
import { administratorRoles } from '../api-keys/scopes.js';
import { keyNameField } from '../api-keys/routes.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { callerOf } from '../http/routes/common.js';
import { defineRoute, json, type RouteDefinition } from '../http/route.js';
import type { Services } from '../services.js';
import { maxSshKeyInputLength } from './parse.js';
import type { SshKeyService } from './service.js';

/**
 * `/me/ssh-keys` (a browser session only) and `GET /users/:id/authorized_keys`, which servers
 * call from sshd's `AuthorizedKeysCommand` with an API key holding `ssh:read`.
 */
export function sshKeyRoutes(services: Services, sshKeys: SshKeyService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET', path: '/me/ssh-keys', tag: 'Keys', auth: 'session',
      summary: 'The SSH public keys of the signed-in user',
      responses: { 200: '`{ items: [{ id, name, type, fingerprint, bits, comment, createdAt }] }`' },
      handler: async ({ auth }) => json(200, { items: await sshKeys.list(callerOf(auth).user.id), nextCursor: null }),
    }),
    defineRoute({
      method: 'POST', path: '/me/ssh-keys', tag: 'Keys', auth: 'session',
      summary: 'Registers an SSH public key (Ed25519, ECDSA, RSA ≥ 2048 bits, FIDO sk- keys)',
      // The key's length is checked by the parser, which answers invalid_ssh_key.
      body: z.object({ name: keyNameField, publicKey: z.string().max(maxSshKeyInputLength * 2) }),
      responses: { 201: '`{ sshKey }`' },
      errors: ['invalid_ssh_key', 'duplicate_key', 'limit_reached'],
      handler: async ({ auth, body, ctx }) => json(201, { sshKey: await sshKeys.add(callerOf(auth).user, body, ctx) }),
    }),
    defineRoute({
      method: 'DELETE', path: '/me/ssh-keys/:id', tag: 'Keys', auth: 'session',
      summary: 'Deletes an SSH key; servers refuse it at the next login',
      responses: { 204: 'Deleted' },
      errors: ['not_found'],
      handler: async ({ auth, params, ctx }) => {
        if (!z.uuid().safeParse(params.id).success) throw new NotFoundError();
        await sshKeys.remove(callerOf(auth).user.id, params.id!, ctx);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'GET', path: '/users/:id/authorized_keys', tag: 'Keys', auth: 'user', scopes: ['ssh:read'],
      summary: "A user's SSH keys in authorized_keys format (text/plain): an API key or token with ssh:read for its own user, or an administrator for anyone",
      responses: { 200: 'text/plain, one key per line' },
      errors: ['forbidden', 'not_found'],
      handler: async ({ auth, params }) => {
        const { user: caller } = callerOf(auth);
        const administrator = caller.roles.some((r) => administratorRoles.includes(r));
        if (!administrator && caller.id !== params.id) throw new ForbiddenError({ detail: "Only administrators may read another user's keys." });
        if (!z.uuid().safeParse(params.id).success) throw new NotFoundError();
        const user = caller.id === params.id ? caller : await services.storage.users.findById(params.id!);
        if (!user) throw new NotFoundError();
        return { status: 200, text: await sshKeys.authorizedKeys(user) };
      },
    }),
  ];
}
