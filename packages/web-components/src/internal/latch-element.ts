import { LitElement, type CSSResultGroup } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { LatchClient, LatchProblem } from '../api/client.js';
import { latchClientContext, latchSessionContext, type LatchSessionState } from '../api/context.js';
import type { PublicConfig } from '../api/types.js';
import { LatchErrorEvent } from '../events/error.js';
import type { CommonStrings } from '../locales/common.js';
import { enCommon } from '../locales/en.js';
import { onTranslationsChange, resolveLang, stringsFor, type Translation, type TranslationArea } from '../locales/translation.js';
import { sharedStyles } from '../styles/shared.styles.js';

const connected = new Set<LatchElement>();
let langObserver: MutationObserver | undefined;

/**
 * Re-renders every connected element when a `lang` attribute changes anywhere in the document, and
 * when a translation is registered (a language module loaded after the elements, or a host's own).
 */
function watchLang(element: LatchElement): void {
  connected.add(element);
  if (!langObserver) {
    const rerender = () => connected.forEach((e) => e.requestUpdate());
    langObserver = new MutationObserver(rerender);
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    onTranslationsChange(rerender);
  }
}

/**
 * Base class of every Latch element: the API client (from `<latch-provider>`, or its own from
 * `base-url`), the session state, the language, and problem-to-words mapping.
 */
export class LatchElement extends LitElement {
  static override styles: CSSResultGroup = sharedStyles;

  /**
   * Where the Latch API is mounted when no `<latch-provider>` is around (or to override it).
   * Default `/auth`.
   */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  @consume({ context: latchClientContext, subscribe: true })
  @state()
  protected providedClient?: LatchClient;

  @consume({ context: latchSessionContext, subscribe: true })
  @state()
  protected session?: LatchSessionState;

  /** Field name → words, shown under the field. */
  @state() protected errors: Record<string, string | undefined> = {};
  /** Shown in the form's error live region. */
  @state() protected formError: string | undefined;
  /** Shown in the form's status live region. */
  @state() protected statusText: string | undefined;
  /** True while a request of this element is in flight (repeat submits are ignored). */
  protected busy = false;

  private ownClient?: LatchClient;

  /** The API client in use. */
  get client(): LatchClient {
    if (this.providedClient && !this.baseUrl) return this.providedClient;
    const baseUrl = (this.baseUrl ?? '/auth').replace(/\/+$/, '');
    if (this.ownClient?.baseUrl !== baseUrl) this.ownClient = new LatchClient({ baseUrl });
    return this.ownClient;
  }

  /**
   * The registered language strings are shown in (also used for dates and the Turnstile widget):
   * from the nearest `lang` attribute, see {@link resolveLang}.
   */
  protected get locale(): string {
    return resolveLang(this);
  }

  /**
   * One area's strings in {@link locale}, falling back string by string along the language chain
   * to `english` (each element passes the English of the areas it uses, so bundles hold no others).
   */
  protected strings<A extends TranslationArea>(area: A, english: Translation[A]): Translation[A] {
    return stringsFor(this.locale, area, english);
  }

  protected get common(): CommonStrings {
    return this.strings('common', enCommon);
  }

  /** The public configuration (from the provider when it has it). */
  protected loadConfig(): Promise<PublicConfig> {
    return this.session?.config && !this.baseUrl ? Promise.resolve(this.session.config) : this.client.config();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLang(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /**
   * Words for a failure, and a `latch-error` event for the host. Anything that is not a
   * {@link LatchProblem} is reported as `internal_error`.
   */
  protected describe(error: unknown): string {
    const problem = error instanceof LatchProblem ? error : new LatchProblem({ status: 0, code: 'internal_error' });
    if (!(error instanceof LatchProblem)) console.error(error);
    this.dispatchEvent(new LatchErrorEvent(problem));
    const s = this.common;
    if (problem.code === 'rate_limited' && problem.retryAfterSeconds) return s.retryIn(problem.retryAfterSeconds);
    if (problem.code === 'validation_failed' && problem.errors.length) {
      return problem.errors.map((e) => e.message).join(' ');
    }
    const words = s.problems[problem.code] ?? this.moreProblems()?.[problem.code] ?? problem.detail ?? s.problems.internal_error!;
    return problem.code === 'weak_password' && problem.reasons.length ? `${words} ${problem.reasons.join(' ')}` : words;
  }

  /** Words for problem codes only this element meets (beyond the common ones). */
  protected moreProblems(): Record<string, string> | undefined {
    return undefined;
  }

  /** Which field a problem code belongs to, for elements whose fields can be blamed. */
  protected fieldFor(_code: string): string | undefined {
    return undefined;
  }

  /**
   * Shows a failure: in words in the error live region, next to the field it concerns (from the
   * problem's field list or {@link fieldFor}), then moves focus to that field or `focus`.
   */
  protected showError(error: unknown, focus?: string): void {
    const text = this.describe(error);
    const errors: Record<string, string> = {};
    if (error instanceof LatchProblem) {
      for (const e of error.errors) errors[e.field] ??= e.message;
      const field = this.fieldFor(error.code);
      if (field) errors[field] = text;
    }
    this.errors = errors;
    this.formError = text;
    void this.focusAfterUpdate(focus);
  }

  /**
   * Client-side checks before a request: shows the first problem and focuses its field.
   * @returns true when every field passed.
   */
  protected validate(errors: Record<string, string | undefined>): boolean {
    this.errors = errors;
    this.formError = Object.values(errors).find(Boolean);
    this.statusText = undefined;
    if (this.formError) void this.focusAfterUpdate();
    return !this.formError;
  }

  /** Runs one request-making task, ignoring repeats while busy and showing any failure. */
  protected async attempt(task: () => Promise<unknown>, focus?: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.formError = undefined;
    try {
      await task();
    } catch (error) {
      this.showError(error, focus);
    } finally {
      this.busy = false;
    }
  }

  /** Focuses the first invalid control, else the first control of the element. */
  override focus(options?: FocusOptions): void {
    const root = this.renderRoot as ShadowRoot | undefined;
    const target = root?.querySelector<HTMLElement>('[aria-invalid="true"], input:not([hidden]), textarea, select, button');
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** Moves focus to the first invalid control, else to `selector`, after the next render. */
  protected async focusAfterUpdate(selector?: string): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? (selector ? root.querySelector<HTMLElement>(selector) : null);
    target?.focus();
  }
}

/** True for a problem with the given code. */
export function isProblem(error: unknown, code: string): error is LatchProblem {
  return error instanceof LatchProblem && error.code === code;
}
