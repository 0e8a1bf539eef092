
/** Strings of the sign-up, password-reset, verification, email-confirmation and invitation elements. */
export interface AccountStrings {
  signUpTitle: string;
  signUpSubmit: string;
  haveAccount: string;
  signIn: string;
  checkEmailTitle: string;
  verificationSent: (email: string) => string;
  resendLink: string;
  linkResent: string;
  signUpClosed: string;
  newPassword: string;
  confirmPassword: string;
  passwordsDiffer: string;
  passwordHint: (min: number) => string;
  strength: string;
  strengthLevels: [string, string, string, string, string];
  meetsPolicy: string;
  forgotTitle: string;
  forgotIntro: string;
  forgotSubmit: string;
  forgotSent: string;
  backToSignIn: string;
  resetTitle: string;
  resetSubmit: string;
  resetDone: string;
  missingToken: string;
  requestNewLink: string;
  verifyTitle: string;
  verifying: string;
  verified: (email: string) => string;
  verifiedSessionKept: string;
  verifyFailedIntro: string;
  signInToContinue: string;
  confirmTitle: string;
  confirming: string;
  confirmed: (email: string) => string;
  inviteTitle: string;
  inviteIntro: string;
  inviteSubmit: string;
  activated: string;
  continue: string;
  // Organization invitations
  checkingInvite: string;
  joinTitle: string;
  signedInAs: (email: string) => string;
  joinSubmit: string;
  joined: (organization: string) => string;
  activatedJoined: (organization: string) => string;
  signInToJoin: (email: string) => string;
  signInToJoinAny: string;
  invitationMismatch: (email: string) => string;
  /** Words for the problem codes only these elements meet. */
  problems: Record<string, string>;
}
