import { css } from 'lit';

export const loginFormStyles = css`
  :host { max-width: var(--latch-login-form-max-width, 26rem); }
  :host {
    background: var(--_surface);
    border: 1px solid var(--_outline);
    border-radius: var(--_radius);
    padding: var(--latch-form-padding, var(--_space-l));
  }
  .forgot { margin: -0.5rem 0 var(--_space-m); font-size: 0.875rem; }
  .or {
    display: flex; align-items: center; gap: var(--_space-s); margin: var(--_space-m) 0; color: var(--_muted);
  }
  .or::before, .or::after { content: ''; flex: 1; border-top: 1px solid var(--_outline); }
  .captcha:not(:empty) { margin: 0 0 var(--_space-m); }
  .links { margin: var(--_space-m) 0 0; }
  .methods { margin-top: var(--_space-l); }
  .methods .link { display: block; margin: 0.5rem 0; text-align: left; }
  #code { font-family: var(--_mono); letter-spacing: 0.15em; }
`;
