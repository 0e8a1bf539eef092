/**
 * Browser-side test helpers: fixtures, a harness that types and clicks like a person, assertions,
 * the axe check, and the test server's helpers (`/__test/*`, see server-plugin.ts).
 */
import { render, type TemplateResult } from 'lit';
import { executeServerCommand } from '@web/test-runner-commands';
import { LatchClient } from '../src/api/client.js';
import '../src/define.js';

declare global {
  interface Window { axe?: any }
}

const mounted: HTMLElement[] = [];

/** Renders a template into a fresh container, waits for every Latch element inside to render. */
export async function fixture<T extends Element = HTMLElement>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  const first = container.firstElementChild as T;
  await settle(container);
  return first;
}

/** Removes every fixture (call from `afterEach`). */
export function cleanup(): void {
  for (const container of mounted.splice(0)) container.remove();
}

async function settle(root: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const elements = [root, ...root.querySelectorAll('*')].filter((e) => 'updateComplete' in e) as any[];
    await Promise.all(elements.map((e) => e.updateComplete));
  }
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (actual !== expected) throw new Error(`${message} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function includes(text: string | null | undefined, part: string, message = ''): void {
  if (!text?.includes(part)) throw new Error(`${message} expected "${text}" to include "${part}"`);
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | Promise<T>, message = 'condition', timeoutMs = 15_000): Promise<NonNullable<T>> {
  const start = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${message}${lastError ? `: ${lastError}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Queries through shadow roots: `deep(el, 'latch-sessions-panel', 'button')`. */
export function deep<T extends Element = HTMLElement>(root: Element | Document, ...selectors: string[]): T | null {
  let current: Element | Document | ShadowRoot | null = root;
  for (const selector of selectors) {
    const scope: ParentNode | null = current instanceof Element && current.shadowRoot ? current.shadowRoot : (current as ParentNode | null);
    current = scope?.querySelector(selector) ?? null;
    if (!current) return null;
  }
  return current as T;
}

/** Everything matching `selector` in an element's shadow root. */
export function all<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  return [...(root.shadowRoot ?? root).querySelectorAll<T>(selector)];
}

/** The shadow root's active element, through nested roots. */
export function activeElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Types into an input as a person would: focus, replace the value, fire `input` and `change`. */
export async function type(input: HTMLInputElement | HTMLTextAreaElement | null, text: string): Promise<void> {
  assert(input, 'no input to type into');
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Presses Enter in an input: the implicit submission a browser does. */
export function pressEnter(input: HTMLInputElement | null): void {
  assert(input, 'no input to press Enter in');
  input.focus();
  input.form!.requestSubmit();
}

/** Clicks a button found by its visible text inside an element's shadow root. */
export function button(root: Element, text: string | RegExp): HTMLButtonElement {
  const found = all<HTMLButtonElement>(root, 'button').find((b) => (typeof text === 'string' ? b.textContent?.trim() === text : text.test(b.textContent ?? '')));
  assert(found, `no button "${text}" in <${root.localName}>`);
  return found;
}

/** The text of the element's error live region. */
export function errorText(root: Element): string {
  return all(root, '[role=alert]').map((e) => e.textContent?.trim()).filter(Boolean).join(' ');
}

/** The text of the element's status live regions. */
export function statusText(root: Element): string {
  return all(root, '[role=status]').map((e) => e.textContent?.trim()).filter(Boolean).join(' ');
}

/** Runs axe on an element and fails on any serious or critical violation. */
export async function expectAccessible(element: Element): Promise<void> {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/__test-assets/axe.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe did not load'));
      document.head.append(script);
    });
  }
  const results = await window.axe.run(element, { resultTypes: ['violations'] });
  const bad = results.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map((v: any) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    throw new Error(`axe found:\n${lines.join('\n')}`);
  }
}

/** A client on the test server, for setting up state the way a browser would. */
export const api = new LatchClient();

/** A verified account made by the test server. */
export async function newUser(role?: string): Promise<{ email: string; password: string; displayName: string }> {
  const response = await fetch(`/__test/user${role ? `?role=${encodeURIComponent(role)}` : ''}`, { method: 'POST' });
  if (!response.ok) throw new Error(`test user: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A verified account, signed in in this browser. */
export async function signedInUser(): Promise<{ email: string; password: string; displayName: string }> {
  const user = await newUser();
  await api.post('/sign-in', { email: user.email, password: user.password });
  return user;
}

/** Signs out whoever is signed in in this browser. */
export async function signOut(): Promise<void> {
  await api.post('/sign-out', {}).catch(() => {});
}

/** The latest mail to `to` whose text contains `contains` (waits for it), with its link token. */
export async function mailTo(to: string, contains: string, after = 0): Promise<{ subject: string; text: string; token: string | null }> {
  const response = await fetch(`/__test/mail?to=${encodeURIComponent(to)}&contains=${encodeURIComponent(contains)}&after=${after}`);
  if (!response.ok) throw new Error(`no mail to ${to} containing ${contains}`);
  return response.json();
}

/** The current code of an authenticator set up from `otpauthUri`, at the server's time. */
export async function totpCode(otpauthUri: string): Promise<string> {
  return (await (await fetch(`/__test/totp?uri=${encodeURIComponent(otpauthUri)}`)).json()).code;
}

/** Moves the server's clock forward (sign-ins older than 5 minutes need the password again). */
export async function advanceClock(seconds: number): Promise<void> {
  await fetch(`/__test/advance?seconds=${seconds}`, { method: 'POST' });
}

/** Adds a virtual passkey authenticator to this page (Chrome DevTools Protocol). */
export async function addVirtualAuthenticator(): Promise<void> {
  await executeServerCommand('latch-webauthn');
}

/** An invited account with its invitation token. */
export async function invitation(): Promise<{ email: string; token: string }> {
  return (await fetch('/__test/invite', { method: 'POST' })).json();
}

/** Signs `email` in from another device (the test server), making a second session. */
export async function otherSession(email: string, password?: string): Promise<void> {
  const answer = await fetch(`/__test/session?email=${encodeURIComponent(email)}${password ? `&password=${encodeURIComponent(password)}` : ''}`, { method: 'POST' });
  if (!answer.ok) throw new Error(`other session: ${answer.status}`);
}

/** A fresh Ed25519 public key line and its `SHA256:` fingerprint. */
export async function sshKey(comment = 'test@laptop'): Promise<{ publicKey: string; fingerprint: string }> {
  return (await fetch(`/__test/ssh-key?comment=${encodeURIComponent(comment)}`)).json();
}

/** Submits a form inside an element by pressing Enter in its first text input. */
export function submit(form: HTMLFormElement | null): void {
  assert(form, 'no form');
  form.requestSubmit();
}

/** Emulates `prefers-color-scheme` for this page. */
export async function colorScheme(scheme: 'light' | 'dark'): Promise<void> {
  await executeServerCommand('latch-color-scheme', { scheme });
}
