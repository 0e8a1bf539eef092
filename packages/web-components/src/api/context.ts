import { createContext } from '@lit/context';
import type { LatchClient } from './client.js';
import type { Me, PublicConfig } from './types.js';

/** The API client that `<latch-provider>` hands to its descendants. */
export const latchClientContext = createContext<LatchClient>(Symbol.for('latch-client'));

/** What `<latch-provider>` knows about the visitor; replaced (never mutated) on every change. */
export interface LatchSessionState {
  /** `loading` until the first `GET /me` answers. */
  status: 'loading' | 'signed-in' | 'signed-out';
  me: Me | null;
  config: PublicConfig | null;
}

/** The session and public configuration that `<latch-provider>` hands to its descendants. */
export const latchSessionContext = createContext<LatchSessionState>(Symbol.for('latch-session'));
