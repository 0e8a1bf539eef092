import { z } from 'zod';
import { administratorRoles } from '../core/scopes.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { keyNameField, reauthFields } from '../http/fields.js';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import type { Services } from '../core/services.js';
import { maxSshKeyInputLength } from './parse.js';
import { pageOf } from '../response-schemas.js';
import { sshKeyViewSchema, type SshKeyService } from './service.js';

/**
 * `/me/ssh-keys` (a browser session only) and `GET /users/:id/authorized_keys`, which servers
 * call from sshd's `AuthorizedKeysCommand` with an API key holding `ssh:read`.
 */
export function sshKeyRoutes(services: Services, sshKeys: SshKeyService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET', path: '/me/ssh-keys', tag: 'Keys', auth: 'session',
      summary: 'The SSH public keys of the signed-in user',
      response: pageOf(sshKeyViewSchema),
      responses: { 200: '`{ items: [{ id, name, type, fingerprint, bits, comment, createdAt }] }`' },
      handler: async ({ caller }) => json(200, { items: await sshKeys.list(caller.user.id), nextCursor: null }),
    }),
    defineRoute({
      method: 'POST', path: '/me/ssh-keys', tag: 'Keys', auth: 'session', reauth: true,
      summary: 'Registers an SSH public key (reauth; Ed25519, ECDSA, RSA ≥ 2048 bits, FIDO sk- keys)',
      // The key's length is checked by the parser, which answers invalid_ssh_key.
      body: z.object({
        name: keyNameField, publicKey: z.string().max(maxSshKeyInputLength * 2),
        ...reauthFields,
      }),
      response: z.object({ sshKey: sshKeyViewSchema }),
      responses: { 201: '`{ sshKey }`' },
      errors: ['invalid_ssh_key', 'duplicate_key', 'limit_reached', 'reauthentication_required', 'rate_limited'],
      handler: async ({ caller, body, ctx }) => json(201, { sshKey: await sshKeys.add(caller, body, ctx) }),
    }),
    defineRoute({
      method: 'DELETE', path: '/me/ssh-keys/:id', tag: 'Keys', auth: 'session',
      summary: 'Deletes an SSH key; servers refuse it at the next login',
      responses: { 204: 'Deleted' },
      errors: ['not_found'],
      handler: async ({ caller, params, ctx }) => {
        if (!z.uuid().safeParse(params.id).success) throw new NotFoundError();
        await sshKeys.remove(caller.user.id, params.id!, ctx);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'GET', path: '/users/:id/authorized_keys', tag: 'Keys', auth: 'user', scopes: ['ssh:read'],
      summary: "A user's SSH keys in authorized_keys format (text/plain): an API key or token with ssh:read for its own user, or an administrator for anyone",
      textResponse: true,
      responses: { 200: 'text/plain, one key per line' },
      errors: ['forbidden', 'not_found'],
      handler: async ({ caller, params }) => {
        const { user: me } = caller;
        const administrator = me.roles.some((r) => administratorRoles.includes(r));
        if (!administrator && me.id !== params.id) throw new ForbiddenError({ detail: "Only administrators may read another user's keys." });
        if (!z.uuid().safeParse(params.id).success) throw new NotFoundError();
        const user = me.id === params.id ? me : await services.storage.users.findById(params.id!);
        if (!user) throw new NotFoundError();
        return { status: 200, text: await sshKeys.authorizedKeys(user) };
      },
    }),
  ];
}
