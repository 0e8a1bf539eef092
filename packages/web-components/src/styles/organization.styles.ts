import { css } from 'lit';

/** Styles of `<latch-organization-members>`: kind tabs, the search row, member facts, inline forms. */
export const organizationStyles = css`
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
  }
  .tabs {
    display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0 0 var(--_space-m);
    border-bottom: 1px solid var(--_outline);
  }
  .tabs [role='tab'] {
    border: 0; border-bottom: 3px solid transparent; border-radius: var(--_radius) var(--_radius) 0 0;
    background: none; color: var(--_text); padding-inline: 0.75rem;
  }
  .tabs [role='tab'][aria-selected='true'] { border-bottom-color: var(--_primary); font-weight: 600; }
  .search { display: flex; flex-wrap: wrap; gap: var(--_space-s); align-items: flex-end; margin: 0 0 var(--_space-m); }
  .search .field { flex: 1 1 12rem; margin: 0; }
  .facts { display: flex; flex-wrap: wrap; gap: 0 var(--_space-m); margin: 0.25rem 0 0; }
  .facts > div { display: flex; gap: 0.25rem; min-width: 0; }
  .facts dt { color: var(--_muted); font-weight: 400; }
  .facts dt::after { content: ':'; }
  .facts dd { margin: 0; overflow-wrap: anywhere; }
  .inline { margin-top: var(--_space-s); }
  .inline .field:last-of-type { margin-bottom: var(--_space-s); }
  .count { margin: 0 0 var(--_space-s); }
  section.part { margin-top: var(--_space-l); }
`;

/** Styles of `<latch-organization-switcher>`: a compact button and the list it opens, for a page header. */
export const switcherStyles = css`
  :host { display: inline-block; position: relative; max-width: 100%; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
  }
  .toggle { display: inline-flex; align-items: center; gap: var(--_space-s); max-width: 100%; }
  .toggle .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 14rem; }
  .caret { font-size: 0.75em; }
  .menu {
    position: absolute; top: calc(100% + 0.25rem); inset-inline-start: 0; z-index: 10;
    min-width: 14rem; max-width: min(20rem, calc(100vw - 1rem));
    padding: 0.25rem; background: var(--_surface); color: var(--_text);
    border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.2);
  }
  :host([align='end']) .menu { inset-inline-start: auto; inset-inline-end: 0; }
  .menu ul { list-style: none; margin: 0; padding: 0; }
  .menu li button, .menu a {
    display: flex; width: 100%; gap: var(--_space-s); justify-content: space-between; align-items: center;
    text-align: start; border: 0; background: none; min-height: 2.75rem; padding: 0.375rem 0.75rem;
    color: var(--_text); overflow-wrap: anywhere;
  }
  .menu li button:hover, .menu a:hover { background: var(--_surface-alt); }
  .menu li button[aria-current='true'] { font-weight: 600; }
  .menu a { color: var(--_primary); border-top: 1px solid var(--_outline); border-radius: 0; text-decoration: underline; }
  .menu .role { color: var(--_muted); font-size: 0.875rem; font-weight: 400; }
  .menu p { margin: 0; padding: 0.5rem 0.75rem; }
  .menu .alert:not(:empty) { margin: 0.25rem; }
`;
