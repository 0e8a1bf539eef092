import { html, css, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { LatchClient } from '../../api/client.js';
import { latchClientContext, latchSessionContext, type LatchSessionState } from '../../api/context.js';
import { LatchSessionChangeEvent } from '../../events/session-change.js';

/**
 * Holds the API client, the public configuration (`GET /config`) and the session (`GET /me`), and
 * provides them to every Latch element inside it. It renders nothing of its own. The session is
 * fetched again whenever an element inside signs someone in or out, or changes the active
 * organization.
 *
 * @summary Shares the API client, configuration and session with the elements inside.
 * @tagname latch-provider
 *
 * @slot - The page content that uses Latch elements.
 *
 * @fires {LatchSessionChangeEvent} latch-session-change - What is known about the session changed.
 */
export class LatchProvider extends LitElement {
  static override styles = css`:host { display: contents; }`;

  /** Where the Latch API is mounted. Default `/auth`. */
  @property({ attribute: 'base-url' }) baseUrl = '/auth';
  /** `include` when the API lives on another origin that trusts this page. */
  @property() credentials: RequestCredentials = 'same-origin';

  /** The client given to descendants. */
  @provide({ context: latchClientContext })
  @state()
  client: LatchClient = new LatchClient();

  /** The session state given to descendants. */
  @provide({ context: latchSessionContext })
  @state()
  state: LatchSessionState = { status: 'loading', me: null, config: null };

  private readonly onAuthChange = () => void this.refresh();

  override connectedCallback(): void {
    this.client = new LatchClient({ baseUrl: this.baseUrl, credentials: this.credentials });
    super.connectedCallback();
    this.addEventListener('latch-signed-in', this.onAuthChange);
    this.addEventListener('latch-signed-out', this.onAuthChange);
    this.addEventListener('latch-organization-change', this.onAuthChange);
    this.addEventListener('latch-organization-created', this.onAuthChange);
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('latch-signed-in', this.onAuthChange);
    this.removeEventListener('latch-signed-out', this.onAuthChange);
    this.removeEventListener('latch-organization-change', this.onAuthChange);
    this.removeEventListener('latch-organization-created', this.onAuthChange);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this.hasUpdated && (changed.has('baseUrl') || changed.has('credentials'))) {
      this.client = new LatchClient({ baseUrl: this.baseUrl, credentials: this.credentials });
      void this.refresh();
    }
  }

  /** Fetches the configuration and the session again; resolves with the new state. */
  async refresh(): Promise<LatchSessionState> {
    const client = this.client;
    const [config, me] = await Promise.all([client.config().catch(() => null), client.me().catch(() => null)]);
    if (client !== this.client) return this.state;
    this.state = { status: me ? 'signed-in' : 'signed-out', me, config };
    this.dispatchEvent(new LatchSessionChangeEvent(this.state));
    return this.state;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
