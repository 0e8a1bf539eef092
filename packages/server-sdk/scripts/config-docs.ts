// The SDK part of docs/configuration.md, rendered from the configuration schemas: one table per
// section (field, type, default, description) between the generated:config markers. Written by
// generate-config-docs.ts; test/config/config-docs.test.ts fails when the committed copy differs.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { latchConfigSchema } from '../src/config.js';

/** docs/configuration.md. */
export const configDocPath = fileURLToPath(new URL('../../../docs/configuration.md', import.meta.url));

/** The command that rewrites the generated part. */
export const generateCommand = 'npm run generate:config-docs -w @latch/server-sdk';

export const startMarker = '<!-- generated:config:start -->';
export const endMarker = '<!-- generated:config:end -->';

/** The slice of JSON Schema the renderer reads, plus the two documentation keys the schemas add with `.meta()`. */
export interface FieldSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  items?: FieldSchema;
  properties?: Record<string, FieldSchema>;
  /** How to show a default the schema computes or cannot serialize. */
  docDefault?: string;
  /** The TypeScript type of a value JSON Schema cannot describe (a logger, a knex instance). */
  docType?: string;
}

/** The configuration as `createLatch` accepts it, as JSON Schema (non-serializable fields become `{}` plus their `docType`). */
export function configJsonSchema(): FieldSchema {
  return z.toJSONSchema(latchConfigSchema, { io: 'input', unrepresentable: 'any' }) as FieldSchema;
}

const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** 900 → "15 minutes", 3600 → "1 hour", 1209600 → "14 days". */
function duration(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return plural(seconds / 86_400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

const isRule = (value: unknown): value is { limit: number; windowSeconds: number } =>
  typeof value === 'object' && value !== null && 'limit' in value && 'windowSeconds' in value;

function renderType(schema: FieldSchema): string {
  if (schema.docType) return code(schema.docType);
  if (schema.enum) return code(schema.enum.map((value) => (typeof value === 'string' ? `'${value}'` : String(value))).join(' | '));
  if (schema.type === 'array') return `${schema.items?.type ?? 'unknown'}[]`;
  if (schema.type === 'object') return code(`{ ${Object.keys(schema.properties ?? {}).join(', ')} }`);
  if (schema.type === 'integer' || schema.type === 'number') {
    const bounds: string[] = [];
    if (schema.exclusiveMinimum !== undefined) bounds.push(`> ${schema.exclusiveMinimum}`);
    if (schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER) bounds.push(`≥ ${schema.minimum}`);
    if (schema.exclusiveMaximum !== undefined) bounds.push(`< ${schema.exclusiveMaximum}`);
    if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) bounds.push(`≤ ${schema.maximum}`);
    return [schema.type, bounds.join(', ')].filter(Boolean).join(' ');
  }
  if (schema.type === 'string' && schema.minLength) return 'non-empty string';
  return schema.type ?? 'unknown';
}

function renderDefault(key: string, schema: FieldSchema): string {
  if (schema.docDefault !== undefined) return schema.docDefault;
  const value = schema.default;
  if (value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map(code).join(', ') : 'none';
  if (isRule(value)) return `${value.limit} per ${duration(value.windowSeconds).replace(/^1 /, '')}`;
  if (typeof value === 'number' && key.endsWith('Seconds') && value >= 60) return `${code(value)} (${duration(value)})`;
  return code(value);
}

const tableHead = ['| field | type | default | description |', '|---|---|---|---|'];

function row(path: string, key: string, schema: FieldSchema): string {
  return `| \`${path}\` | ${cell(renderType(schema))} | ${cell(renderDefault(key, schema))} | ${cell(schema.description ?? '')} |`;
}

/** A field's row, followed by one row per member when it is a group of settings (`passwords.breached.url`). */
function rowsOf(path: string, key: string, schema: FieldSchema): string[] {
  if (!isSection(schema)) return [row(path, key, schema)];
  return [row(path, key, schema), ...Object.entries(schema.properties!).map(([member, field]) => row(`${path}.${member}`, member, field))];
}

const isSection = (schema: FieldSchema) => schema.type === 'object' && schema.properties !== undefined && !isRule(schema.default);

/** The generated part: the top-level fields, then one table per section, in the schema's order. */
export function renderConfigReference(schema: FieldSchema = configJsonSchema()): string {
  const fields = Object.entries(schema.properties ?? {});
  const lines = [
    `<!-- Generated from the configuration schemas by packages/server-sdk/scripts/generate-config-docs.ts; do not edit up to the end marker. Regenerate with \`${generateCommand}\`. -->`,
    '',
    '### Top level',
    '',
    ...tableHead,
    ...fields.filter(([, field]) => !isSection(field)).map(([key, field]) => row(key, key, field)),
  ];
  for (const [name, section] of fields.filter(([, field]) => isSection(field))) {
    lines.push('', `### \`${name}\``, '');
    if (section.description) lines.push(section.description, '');
    lines.push(...tableHead, ...Object.entries(section.properties!).flatMap(([key, field]) => rowsOf(`${name}.${key}`, key, field)));
  }
  return lines.join('\n');
}

/** `document` with the part between the markers replaced by {@link renderConfigReference}. */
export function withConfigReference(document: string, reference = renderConfigReference()): string {
  const start = document.indexOf(startMarker);
  const end = document.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`docs/configuration.md needs the markers ${startMarker} and ${endMarker}`);
  return `${document.slice(0, start + startMarker.length)}\n${reference}\n${document.slice(end)}`;
}
