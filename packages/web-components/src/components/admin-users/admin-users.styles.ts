import { css } from 'lit';

/** The console's own layout: the filter bar, the account list and the detail sections. */
export const adminUsersStyles = css`
  :host { max-width: var(--latch-admin-max-width, 64rem); }
  .filters {
    display: grid;
    gap: 0 var(--_space-m);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    align-items: end;
  }
  .filters .query, .filters .actions { grid-column: 1 / -1; }
  .filters .actions { margin: 0 0 var(--_space-m); }
  .toolbar { margin: 0 0 var(--_space-m); }
  .tags { display: flex; flex-wrap: wrap; gap: 0.25rem; margin-top: 0.25rem; }
  .tags.summary { margin: 0 0 var(--_space-l); }
  .badge.off { color: var(--_danger); }
  .badge.role { color: var(--_primary); }
  button.user-link { font-weight: 600; text-align: start; min-height: 1.75rem; overflow-wrap: anywhere; }
  button.back { min-height: 2rem; margin: 0 0 var(--_space-m); }
  .sections {
    display: grid;
    gap: var(--_space-l);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
    align-items: start;
  }
  .sections > section { min-width: 0; }
  .sections > section.wide { grid-column: 1 / -1; }
  .sections h3 { margin-top: 0; padding-top: var(--_space-m); border-top: 1px solid var(--_outline); }
  dl.facts { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.25rem var(--_space-m); margin: 0 0 var(--_space-m); }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  .confirm { border-inline-start: 4px solid var(--_danger); margin: 0 0 var(--_space-m); }
  h4 { font-size: 1rem; margin: 0 0 var(--_space-s); line-height: 1.25; }
  h4[tabindex], h2[tabindex] { outline: none; }
  .subtitle { overflow-wrap: anywhere; }
`;
