import type { ReactiveController, ReactiveControllerHost } from 'lit';

interface TurnstileApi {
  render(container: HTMLElement, options: Record<string, unknown>): string;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

declare global {
  interface Window { turnstile?: TurnstileApi }
}

/** Where the Turnstile script is loaded from; a host may point it at a proxy. */
export const turnstileOptions = {
  scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
};

let loading: Promise<TurnstileApi> | undefined;

function loadTurnstile(): Promise<TurnstileApi> {
  loading ??= new Promise<TurnstileApi>((resolve, reject) => {
    if (window.turnstile) return resolve(window.turnstile);
    const script = document.createElement('script');
    script.src = turnstileOptions.scriptUrl;
    script.async = true;
    script.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('turnstile missing')));
    script.onerror = () => { loading = undefined; reject(new Error('turnstile failed to load')); };
    document.head.append(script);
  });
  return loading;
}

/**
 * Cloudflare Turnstile for a form: renders the widget when the server has a site key and keeps the
 * latest token for the next request.
 */
export class TurnstileController implements ReactiveController {
  token = '';
  private widgetId: string | undefined;
  private api: TurnstileApi | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Renders the widget into `container` (once). */
  async mount(container: HTMLElement | null, siteKey: string | undefined, lang: string): Promise<void> {
    if (!container || !siteKey || this.widgetId !== undefined) return;
    this.widgetId = '';
    try {
      this.api = await loadTurnstile();
      this.widgetId = this.api.render(container, {
        sitekey: siteKey,
        language: lang,
        callback: (token: string) => { this.token = token; },
        'expired-callback': () => { this.token = ''; },
        'error-callback': () => { this.token = ''; },
      });
    } catch {
      this.widgetId = undefined;
    }
  }

  /** Fresh token for the next attempt (a token works once). */
  reset(): void {
    this.token = '';
    if (this.api && this.widgetId) this.api.reset(this.widgetId);
  }

  hostDisconnected(): void {
    if (this.api && this.widgetId) this.api.remove(this.widgetId);
    this.widgetId = undefined;
  }
}
