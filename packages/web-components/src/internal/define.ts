/**
 * Registers a tag once. A no-op where there is no custom element registry (server rendering or
 * plain Node), so importing a define module never throws.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (registry && !registry.get(tag)) registry.define(tag, constructor);
}
