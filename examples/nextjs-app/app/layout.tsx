import type { ReactNode } from 'react';

export const metadata = { title: 'Next.js with Latch' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '28rem', margin: '4rem auto', padding: '0 1rem' }}>{children}</body>
    </html>
  );
}
