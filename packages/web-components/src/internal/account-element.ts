import type { AccountStrings } from '../locales/account.js';
import { enAccount } from '../locales/en.js';
import { accountStyles } from '../styles/account.styles.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { LatchElement } from './latch-element.js';

/** Base class of the account pages (sign-up, reset, verification, confirmation, invitation). */
export class LatchAccountElement extends LatchElement {
  static override styles = [sharedStyles, accountStyles];

  protected get t(): AccountStrings {
    return this.strings('account', enAccount);
  }

  protected override moreProblems(): Record<string, string> {
    return this.t.problems;
  }
}
