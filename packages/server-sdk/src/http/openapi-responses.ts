import { z } from 'zod';
import { responseComponents } from '../response-schemas.js';

/** What {@link createResponseSchemas} returns. */
export interface ResponseSchemas {
  /** The named response schemas met so far, for `components.schemas`. */
  readonly components: Record<string, unknown>;
  /** The JSON Schema of a success body, with named parts as `#/components/schemas/<id>` references. */
  schemaOf(schema: z.ZodType): unknown;
}

const defsPrefix = '#/$defs/';
const componentsPrefix = '#/components/schemas/';

/** Points `#/$defs/X` references at `#/components/schemas/X`, everywhere in a JSON Schema. */
function retarget(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(retarget);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [
    key,
    key === '$ref' && typeof value === 'string' && value.startsWith(defsPrefix) ? componentsPrefix + value.slice(defsPrefix.length) : retarget(value),
  ]));
}

/**
 * Converts response schemas to JSON Schema (their output side: what the server sends). Schemas
 * registered with `named()` are emitted once as components and referenced, so the components'
 * generated client types get one name per shape (`PublicUser`, `ApiKey`, …).
 */
export function createResponseSchemas(): ResponseSchemas {
  const components: Record<string, unknown> = {};
  return {
    components,
    schemaOf(schema) {
      const { $schema: _dialect, $defs = {}, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', metadata: responseComponents }) as Record<string, unknown> & { $defs?: Record<string, unknown> };
      for (const [id, def] of Object.entries($defs)) {
        const component = retarget(def);
        // One id, one shape: two different schemas registered under a name would be a bug.
        if (id in components && JSON.stringify(components[id]) !== JSON.stringify(component)) throw new Error(`Two response schemas are named ${id}`);
        components[id] = component;
      }
      return retarget(rest);
    },
  };
}
