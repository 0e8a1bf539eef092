import { css } from 'lit';

/** Styles of the account pages: width, strength meter, links. */
export const accountStyles = css`
  :host { max-width: var(--latch-account-form-max-width, 26rem); }
  :host {
    background: var(--_surface);
    border: 1px solid var(--_outline);
    border-radius: var(--_radius);
    padding: var(--latch-form-padding, var(--_space-l));
  }
  .strength { margin: -0.5rem 0 var(--_space-m); font-size: 0.875rem; }
  .strength:empty { display: none; }
  .meter { display: flex; flex-wrap: wrap; gap: 0 var(--_space-s); align-items: center; justify-content: space-between; }
  .meter .label { margin: 0; font-weight: 600; }
  meter { width: 100%; height: 0.5rem; }
  .reasons { margin: 0.25rem 0 0; padding-left: 1.25rem; color: var(--_danger); }
  .ok { margin: 0.25rem 0 0; color: var(--_success); }
  .strength .hint { margin: 0.25rem 0 0; }
  .links { margin: var(--_space-m) 0 0; }
  h2[tabindex] { outline: none; }
`;
