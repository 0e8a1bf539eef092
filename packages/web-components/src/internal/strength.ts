import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { LatchClient } from '../api/client.js';
import type { PasswordCheck } from '../api/types.js';
import type { AccountStrings } from '../locales/account.js';

/**
 * Password strength feedback as the person types: a debounced `POST /password/check`, so the
 * words and the verdict come from the server's own policy (length, breached and common words,
 * the person's own name and email) without shipping a dictionary to the browser.
 */
export class StrengthController implements ReactiveController {
  result: PasswordCheck | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => LatchClient,
    private readonly delayMs = 300,
  ) {
    host.addController(this);
  }

  /** Call on every input event of the new-password field. */
  check(password: string, context: { email?: string | undefined; displayName?: string | undefined } = {}): void {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    if (!password) {
      this.result = undefined;
      this.host.requestUpdate();
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        const body = { password, ...(context.email ? { email: context.email } : {}), ...(context.displayName ? { displayName: context.displayName } : {}) };
        const result = await this.client().post('/password/check', body);
        if (sequence === this.sequence) {
          this.result = result;
          this.host.requestUpdate();
        }
      } catch {
        // Feedback only: the submit itself reports any problem.
      }
    }, this.delayMs);
  }

  /** Forgets the last verdict (after a successful submit). */
  clear(): void {
    clearTimeout(this.timer);
    this.sequence++;
    this.result = undefined;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** The meter and the reasons, in a polite live region that is always present. */
  render(s: AccountStrings) {
    const r = this.result;
    return html`<div class="strength" part="strength" aria-live="polite">
      ${r
        ? html`<div class="meter" data-score=${r.score}>
              <span class="label" id="strength-label">${s.strength}: ${s.strengthLevels[r.score] ?? ''}</span>
              <meter min="0" max="4" low="2" high="3" optimum="4" .value=${r.score} aria-labelledby="strength-label"></meter>
            </div>
            ${r.ok
              ? html`<p class="ok">${s.meetsPolicy}</p>`
              : html`<ul class="reasons">${r.messages.map((reason) => html`<li>${reason}</li>`)}</ul>`}
            ${!r.ok && r.suggestions.length ? html`<p class="hint">${r.suggestions[0]}</p>` : nothing}`
        : nothing}
    </div>`;
  }
}
