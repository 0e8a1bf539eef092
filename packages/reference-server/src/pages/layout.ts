/**
 * The one layout every demo page shares: the document head (stylesheet, the component bundle and
 * the page behaviour, all external so the Content-Security-Policy can forbid inline scripts), the
 * `<latch-provider>` and the site header (for a signed-in person: the organization switcher,
 * settings and sign-out). A page brings only its title, its `<body>` attributes and its `<main>`
 * element.
 */

/** What one page adds to the layout. */
export interface PageParts {
  /** The page's own title, as text; the layout escapes it and appends the site name. */
  title: string;
  /** The page's complete `<main>` element, as HTML. */
  main: string;
  /** Attributes of `<body>`: `true` writes the bare name (`data-requires-session`), a string a quoted value. */
  bodyAttributes?: Readonly<Record<string, string | true>>;
}

/** The name after every page title. */
export const siteName = 'Latch';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

function renderAttributes(attributes: Readonly<Record<string, string | true>>): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`not an attribute name: ${JSON.stringify(name)}`);
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

/** Indents every non-empty line by `prefix`, so a fragment written at column 0 nests in the layout. */
function indent(html: string, prefix: string): string {
  return html.trimEnd().split('\n').map((line) => (line === '' ? line : prefix + line)).join('\n');
}

/** The whole HTML document for one page. */
export function renderPage({ title, main, bodyAttributes = {} }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(`${title} · ${siteName}`)}</title>
  <link rel="stylesheet" href="/assets/pages.css">
  <script type="module" src="/components/latch.js"></script>
  <script type="module" src="/assets/pages.js"></script>
</head>
<body${renderAttributes(bodyAttributes)}>
<latch-provider>
  <header class="site">
    <a class="brand" href="/">${escapeHtml(siteName)}</a>
    <nav aria-label="Account">
      <a href="/sign-in" data-when="signed-out" hidden>Sign in</a>
      <a href="/sign-up" data-when="signed-out" hidden>Create account</a>
      <span class="organization" data-when="signed-in" hidden><latch-organization-switcher align="end" create-href="/org"></latch-organization-switcher></span>
      <a href="/settings" data-when="signed-in" hidden>Settings</a>
      <button type="button" data-sign-out data-when="signed-in" hidden>Sign out</button>
    </nav>
  </header>
${indent(main, '  ')}
</latch-provider>
</body>
</html>
`;
}
