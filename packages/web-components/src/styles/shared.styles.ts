import { css } from 'lit';

/**
 * Tokens and base styles every element starts from. Public tokens are `--latch-*`; each is read
 * once into a private `--_*` property with a light default, and again with a dark default under
 * `prefers-color-scheme: dark`, so a host that sets a token wins in both schemes.
 */
export const sharedStyles = css`
  :host {
    --_primary: var(--latch-color-primary, #2456d6);
    --_on-primary: var(--latch-color-on-primary, #ffffff);
    --_surface: var(--latch-color-surface, #ffffff);
    --_surface-alt: var(--latch-color-surface-alt, #f3f4f7);
    --_text: var(--latch-color-text, #1a1c21);
    --_muted: var(--latch-color-muted, #575d6b);
    --_border: var(--latch-color-border, #8a909c);
    --_outline: var(--latch-color-outline, #d5d8df);
    --_danger: var(--latch-color-danger, #b3261e);
    --_success: var(--latch-color-success, #1e6b3a);
    --_focus: var(--latch-color-focus, #2456d6);
    --_radius: var(--latch-radius, 0.5rem);
    --_space-s: var(--latch-space-s, 0.5rem);
    --_space-m: var(--latch-space-m, 1rem);
    --_space-l: var(--latch-space-l, 1.5rem);
    --_mono: var(--latch-font-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    display: block;
    box-sizing: border-box;
    max-width: 100%;
    color: var(--_text);
    font-family: var(--latch-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--latch-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) { display: none; }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--latch-color-primary, #9bb8ff);
      --_on-primary: var(--latch-color-on-primary, #0b1530);
      --_surface: var(--latch-color-surface, #17191e);
      --_surface-alt: var(--latch-color-surface-alt, #23262d);
      --_text: var(--latch-color-text, #e8eaef);
      --_muted: var(--latch-color-muted, #a9afbb);
      --_border: var(--latch-color-border, #6b717d);
      --_outline: var(--latch-color-outline, #353a44);
      --_danger: var(--latch-color-danger, #ffb4ab);
      --_success: var(--latch-color-success, #86dba4);
      --_focus: var(--latch-color-focus, #9bb8ff);
    }
  }
  *, *::before, *::after { box-sizing: inherit; }
  [hidden] { display: none !important; }
  h2, h3 { margin: 0 0 var(--_space-m); line-height: 1.25; }
  h2 { font-size: 1.375rem; }
  p { margin: 0 0 var(--_space-m); }
  a { color: var(--_primary); }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
  summary:focus-visible, [tabindex]:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .field { margin: 0 0 var(--_space-m); }
  label, .label { display: block; font-weight: 600; margin: 0 0 0.25rem; }
  .hint, .muted { color: var(--_muted); }
  .hint { font-size: 0.875rem; margin: 0 0 0.25rem; }
  input:not([type='checkbox']):not([type='radio']), select, textarea {
    display: block;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [aria-invalid='true'] { border-color: var(--_danger) !important; box-shadow: inset 4px 0 0 var(--_danger); }
  .field-error { color: var(--_danger); font-size: 0.875rem; margin: 0.25rem 0 0; }
  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.375rem 1rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  button.primary { background: var(--_primary); border-color: var(--_primary); color: var(--_on-primary); font-weight: 600; }
  button.link {
    min-height: 0; padding: 0; border: 0; background: none; color: var(--_primary); text-decoration: underline;
  }
  button.wide { width: 100%; }
  button[aria-disabled='true'], button:disabled { opacity: 0.65; cursor: not-allowed; }
  .alert:not(:empty), .status:not(:empty) {
    margin: 0 0 var(--_space-m);
    padding: 0.75rem;
    border-radius: var(--_radius);
    border: 1px solid currentColor;
    border-left-width: 4px;
  }
  .alert { color: var(--_danger); }
  .status { color: var(--_success); }
`;
