/** Strings every element uses: field labels, buttons and the words for each problem code. */
export interface CommonStrings {
  email: string;
  password: string;
  displayName: string;
  optional: string;
  code: string;
  loading: string;
  cancel: string;
  confirm: string;
  close: string;
  emailRequired: string;
  emailInvalid: string;
  passwordRequired: string;
  codeRequired: string;
  fieldRequired: string;
  /** Words for each problem `code` the server (or the browser) can answer with. */
  problems: Record<string, string>;
  /** `rate_limited` with a known wait. */
  retryIn: (seconds: number) => string;
}
