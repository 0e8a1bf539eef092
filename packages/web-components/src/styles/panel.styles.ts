import { css } from 'lit';

/** Styles the account-settings panels add: lists, badges, dialogs, checkboxes and code boxes. */
export const panelStyles = css`
  textarea { min-height: 6rem; font-family: var(--_mono); font-size: 0.875rem; resize: vertical; }
  .row { display: flex; flex-wrap: wrap; gap: var(--_space-s); align-items: center; }
  .stack > * + * { margin-top: var(--_space-m); }
  .mono, code { font-family: var(--_mono); overflow-wrap: anywhere; }
  .box { background: var(--_surface-alt); border-radius: var(--_radius); padding: var(--_space-m); }
  .badge {
    display: inline-block; padding: 0 0.5rem; border-radius: 999px; font-size: 0.8125rem; font-weight: 600;
    border: 1px solid currentColor;
  }
  .badge.on { color: var(--_success); }
  .list { list-style: none; margin: 0 0 var(--_space-m); padding: 0; }
  .list > li { padding: var(--_space-s) 0; border-bottom: 1px solid var(--_outline); overflow-wrap: anywhere; }
  .list > li:first-child { border-top: 1px solid var(--_outline); }
  .between { display: flex; flex-wrap: wrap; gap: var(--_space-s); justify-content: space-between; align-items: center; }
  .small { font-size: 0.875rem; }
  dialog {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-l);
    width: min(26rem, calc(100vw - 2rem));
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  fieldset { border: 0; margin: 0 0 var(--_space-m); padding: 0; }
  legend { font-weight: 600; padding: 0; margin: 0 0 0.25rem; }
  .check { display: flex; gap: var(--_space-s); align-items: center; font-weight: 400; min-height: 2rem; }
  .check input { width: 1.125rem; height: 1.125rem; margin: 0; accent-color: var(--_primary); }
  h3 { font-size: 1.0625rem; margin-top: var(--_space-l); }
  h3.flush { margin-top: 0; }
  button.danger { color: var(--_danger); border-color: var(--_danger); }
`;

/** The card look of a panel standing on its own. */
export const panelHostStyles = css`
  :host {
    background: var(--_surface);
    border: 1px solid var(--_outline);
    border-radius: var(--_radius);
    padding: var(--latch-panel-padding, var(--_space-l));
  }
  section > h2 { outline: none; }
`;
