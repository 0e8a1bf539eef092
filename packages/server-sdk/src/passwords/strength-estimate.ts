import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** zxcvbn's verdict on a password, reduced to what the policy needs. */
export interface StrengthEstimate {
  /** 0 (trivial) to 4 (strong). */
  score: number;
  /** zxcvbn's warning, empty when it has none. */
  warning: string;
  suggestions: string[];
  /** A word of at least four characters from the user inputs is part of the password. */
  builtFromUserInput: boolean;
}

/**
 * Code points judged. zxcvbn's dictionary and l33t matchers grow faster than linearly with length
 * (zxcvbn-ts issues 164 and 228), and a password whose first 32 characters are strong only gets
 * stronger with more.
 */
export const estimatedPrefixLength = 32;

/**
 * l33t variants tried, by prefix length: zxcvbn's default for passwords of up to 16 characters,
 * where l33t spellings of common passwords live, and fewer beyond, where each variant costs more
 * and the verdict no longer turns on them. Either way one estimate stays within a few hundred
 * milliseconds of one core.
 */
const l33tVariants = (length: number) => (length <= 16 ? 100 : 16);

let configured = false;

function configure(): void {
  zxcvbnOptions.setOptions({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    // UTF-16 units: room for the whole prefix, and a hard bound whatever the caller passes.
    maxLength: 2 * estimatedPrefixLength,
  });
  configured = true;
}

/** Builds zxcvbn's ranked dictionaries now (the slow part of a first estimate), once per thread. */
export function prepareStrengthEstimates(): void {
  if (!configured) configure();
  estimateStrength('warm-up estimate', []);
}

/**
 * Runs zxcvbn on the first {@link estimatedPrefixLength} code points of `password`. Synchronous
 * and CPU-bound (up to a few hundred milliseconds): call it from the strength worker only.
 */
export function estimateStrength(password: string, userInputs: string[]): StrengthEstimate {
  if (!configured) configure();
  const prefix = [...password].slice(0, estimatedPrefixLength);
  zxcvbnOptions.setOptions({ l33tMaxSubstitutions: l33tVariants(prefix.length) });
  const result = zxcvbn(prefix.join(''), userInputs);
  return {
    score: result.score,
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions ?? [],
    builtFromUserInput: result.sequence.some((match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs' && match.token.length >= 4),
  };
}
