import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** What the policy checks. */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minScore: number;
  requireComposition: boolean;
}

/** The outcome of a policy check. */
export interface PasswordCheck {
  ok: boolean;
  /** 0 (trivial) to 4 (strong), zxcvbn's estimate. */
  score: number;
  /** Why the password is refused, in sentences; empty when accepted. */
  reasons: string[];
  /** Hints that would make it stronger. */
  suggestions: string[];
}

let configured = false;

function estimate(password: string, userInputs: string[]) {
  if (!configured) {
    zxcvbnOptions.setOptions({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
    configured = true;
  }
  return zxcvbn(password, userInputs);
}

/** Counts Unicode code points, as NIST asks. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/**
 * Checks a new password: length in code points, common and breached-list words (zxcvbn's
 * dictionaries), words from the user's own email and name, and opt-in composition rules.
 * The password is never echoed in the reasons.
 */
export function checkPassword(password: string, policy: PasswordPolicy, userInputs: string[] = []): PasswordCheck {
  const length = passwordLength(password);
  const reasons: string[] = [];
  if (length < policy.minLength) reasons.push(`Use at least ${policy.minLength} characters.`);
  if (length > policy.maxLength) reasons.push(`Use at most ${policy.maxLength} characters.`);
  if (reasons.length > 0) return { ok: false, score: 0, reasons, suggestions: [] };
  if (policy.requireComposition) {
    if (!/\p{Lu}/u.test(password)) reasons.push('Add an upper-case letter.');
    if (!/\p{Ll}/u.test(password)) reasons.push('Add a lower-case letter.');
    if (!/\p{Nd}/u.test(password)) reasons.push('Add a digit.');
    if (!/[^\p{L}\p{Nd}]/u.test(password)) reasons.push('Add a symbol.');
  }
  const inputs = userInputs.flatMap((value) => {
    const lower = value.toLowerCase();
    return [lower, ...lower.split(/[^\p{L}\p{Nd}]+/u).filter((part) => part.length >= 3)];
  });
  // zxcvbn is quadratic in the worst case: judge long passphrases on their first 100 characters.
  const result = estimate(password.slice(0, 100), [...inputs, 'latch']);
  const builtFromUserInput = result.sequence.some((match: any) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs' && match.token.length >= Math.min(4, length));
  if (result.score < policy.minScore) {
    if (builtFromUserInput) reasons.push('Do not build the password from your email address or name.');
    else if (result.feedback.warning) reasons.push(`${result.feedback.warning.replace(/\.?$/, '.')}`);
    else reasons.push('This password is too easy to guess. Add more words or characters.');
  }
  return { ok: reasons.length === 0, score: result.score, reasons, suggestions: result.feedback.suggestions ?? [] };
}
