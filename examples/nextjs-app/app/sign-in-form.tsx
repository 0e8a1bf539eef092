'use client';

import { useEffect } from 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'latch-provider': Record<string, unknown>;
      'latch-login-form': Record<string, unknown>;
    }
  }
}

/** Latch's sign-in element; custom elements are defined in the browser only. */
export function SignInForm({ next }: { next: string }) {
  useEffect(() => { void import('@latch/web-components/define.js'); }, []);
  return (
    <latch-provider base-url="/api/auth">
      <latch-login-form redirect={next} sign-up-href="" forgot-password-href="" />
    </latch-provider>
  );
}
