import type { z } from 'zod';
import { ConfigError } from '../../errors.js';

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

const expectations: Record<string, string> = {
  int: 'a whole number',
  boolean: 'true or false',
};

/** What a value is, for "…, not X". */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return article(typeof value);
}

/**
 * Phrases zod's issues as the end of a sentence that starts with the field's path
 * ("passwords.minLength" + " must be at least 8"). Pass as the `error` option of a parse; the
 * schemas' own messages win over it.
 */
export function phraseConfigIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectations[issue.expected] ?? article(issue.expected);
      return issue.input === undefined ? `is missing (${expected})` : `must be ${expected}, not ${kindOf(issue.input)}`;
    }
    case 'too_small': {
      const bound = Number(issue.minimum);
      if (issue.origin === 'string') return bound === 1 ? 'must not be empty' : `must be at least ${bound} characters long`;
      if (issue.origin === 'array') return `must have at least ${bound} entries`;
      return issue.inclusive ? `must be at least ${bound}` : `must be more than ${bound}`;
    }
    case 'too_big': {
      const bound = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${bound} characters long`;
      if (issue.origin === 'array') return `must have at most ${bound} entries`;
      return issue.inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}

/** `passwords.minLength`, `security.trustedOrigins[0]`. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** One {@link ConfigError} naming every refused field, each as "path message". */
export function configErrorOf(issues: readonly z.core.$ZodIssue[]): ConfigError {
  const sentences = issues.map((issue) => `${issue.path.length ? pathOf(issue.path) : 'the configuration'} ${issue.message}`);
  return new ConfigError(sentences.join('; '));
}
