import type { SecondFactorMethod } from '../api/types.js';

/** Strings of `<latch-login-form>`. */
export interface SignInStrings {
  title: string;
  submit: string;
  forgot: string;
  noAccount: string;
  signUp: string;
  passkey: string;
  or: string;
  twoFactorTitle: string;
  /** What to do, per method. */
  prompt: Record<SecondFactorMethod, string>;
  /** The switch to each method. */
  switchTo: Record<SecondFactorMethod, string>;
  otherMethods: string;
  verify: string;
  usePasskey: string;
  resend: string;
  resendIn: (seconds: number) => string;
  codeSent: string;
  startOver: string;
  signedIn: string;
}
