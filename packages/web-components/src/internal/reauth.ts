import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { LatchProblem } from '../api/client.js';
import type { CommonStrings } from '../locales/common.js';
import type { SettingsStrings } from '../locales/settings.js';
import { alertRegion, field } from './form.js';

/** Proof of presence added to a sensitive request's body. */
export interface ReauthProof {
  password?: string;
}

/** Thrown (and swallowed by the panels) when the person closes the password prompt. */
export class ReauthCancelled extends Error {
  constructor() {
    super('reauthentication cancelled');
    this.name = 'ReauthCancelled';
  }
}

/**
 * Sensitive operations answer 403 `reauthentication_required` unless the sign-in is fresh. This
 * controller runs the request, and on that answer opens a modal password prompt, then retries the
 * same request with `password` in its body until it passes or the person cancels.
 */
export class ReauthController implements ReactiveController {
  private open = false;
  private error: string | undefined;
  private answer: ((password: string | null) => void) | undefined;
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    /** The signed-in email, put in a hidden username field so password managers can fill the prompt. */
    private readonly username: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Runs `request`; when it needs reauthentication, asks for the password and runs it again with
   * the proof. Rejects with {@link ReauthCancelled} when the person cancels.
   */
  async run<T>(request: (proof: ReauthProof) => Promise<T>, describe: (error: unknown) => string): Promise<T> {
    try {
      return await request({});
    } catch (error) {
      if (!(error instanceof LatchProblem && error.code === 'reauthentication_required')) throw error;
    }
    this.opener = (this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.error = undefined;
    try {
      for (;;) {
        const password = await this.ask();
        if (password === null) throw new ReauthCancelled();
        try {
          return await request({ password });
        } catch (error) {
          if (!(error instanceof LatchProblem && error.code === 'reauthentication_required')) throw error;
          this.error = describe(error);
          this.host.requestUpdate();
        }
      }
    } finally {
      this.close();
    }
  }

  private async ask(): Promise<string | null> {
    this.open = true;
    this.host.requestUpdate();
    await (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const dialog = this.dialog();
    if (dialog && !dialog.open) dialog.showModal();
    const input = dialog?.querySelector<HTMLInputElement>('#reauth-password');
    if (input) {
      input.value = '';
      input.focus();
    }
    return new Promise((resolve) => { this.answer = resolve; });
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog.reauth');
  }

  private close(): void {
    this.open = false;
    this.answer = undefined;
    this.dialog()?.close();
    this.opener?.focus();
    this.host.requestUpdate();
  }

  private settle(password: string | null): void {
    const answer = this.answer;
    this.answer = undefined;
    answer?.(password);
  }

  private onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#reauth-password')!;
    if (!input.value) return input.focus();
    this.settle(input.value);
  };

  private onCancel = (event: Event) => {
    event.preventDefault();
    this.settle(null);
  };

  /** The prompt; include it once in the host's template. */
  render(t: SettingsStrings, s: CommonStrings) {
    return html`<dialog class="reauth" part="reauth-dialog" aria-labelledby="reauth-title" @cancel=${this.onCancel}>
      <form method="dialog" novalidate @submit=${this.onSubmit}>
        <h3 id="reauth-title" class="flush">${t.reauthTitle}</h3>
        <p>${t.reauthIntro}</p>
        ${alertRegion(this.open ? this.error : undefined)}
        <input type="email" name="username" autocomplete="username" .value=${this.username() ?? ''} hidden>
        ${field({ id: 'reauth-password', type: 'password', label: s.password, autocomplete: 'current-password', error: this.open ? this.error : undefined })}
        <div class="row">
          <button class="primary" type="submit">${s.confirm}</button>
          <button type="button" @click=${this.onCancel}>${s.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }
}
