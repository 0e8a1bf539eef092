import { LatchAcceptInvite } from './accept-invite.js';
import { defineElement } from '../../internal/define.js';

export { LatchAcceptInvite };
defineElement('latch-accept-invite', LatchAcceptInvite);

declare global {
  interface HTMLElementTagNameMap { 'latch-accept-invite': LatchAcceptInvite }
}
