
/** Strings of `<latch-security-settings>`, its panels and `<latch-idle-timeout>`. */
export interface SettingsStrings {
  title: string;
  signedOut: string;
  signIn: string;
  save: string;
  saved: string;
  remove: string;
  rename: string;
  copy: string;
  copied: string;
  copyFailed: string;
  download: string;
  done: string;
  never: string;
  created: string;
  lastUsed: string;
  expires: string;
  name: string;
  problems: Record<string, string>;
  reauthTitle: string;
  reauthIntro: string;
  // Profile
  profileTitle: string;
  loginEmail: string;
  verified: string;
  notVerified: string;
  changeEmail: string;
  newEmail: string;
  sendConfirmation: string;
  emailChangeSent: (email: string) => string;
  // Password
  passwordTitle: string;
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
  passwordsDiffer: string;
  changePassword: string;
  passwordChanged: string;
  // Two-factor
  twoFactorTitle: string;
  twoFactorIntro: string;
  twoFactorRequiredNotice: string;
  on: string;
  off: string;
  authenticator: string;
  authenticatorHint: string;
  setUp: string;
  turnOff: string;
  turnOn: string;
  scan: string;
  qrAlt: string;
  setupKey: string;
  verifyCode: string;
  totpOn: string;
  totpOff: string;
  emailCodes: string;
  emailCodesHint: string;
  emailOn: string;
  emailOff: string;
  disableCode: string;
  emailMeCode: string;
  codeSent: string;
  backupCodes: string;
  backupRemaining: (n: number) => string;
  backupIntro: string;
  regenerate: string;
  savedCodes: string;
  // Passkeys
  passkeysTitle: string;
  passkeysIntro: string;
  addPasskey: string;
  passkeyName: string;
  noPasskeys: string;
  passkeyAdded: string;
  passkeyRemoved: string;
  passkeysUnsupported: string;
  defaultPasskeyName: string;
  // Sessions
  sessionsTitle: string;
  thisDevice: string;
  unknownDevice: string;
  lastActive: string;
  signOutSession: string;
  signOutOthers: string;
  sessionRevoked: string;
  othersRevoked: string;
  deviceOf: (browser: string, os: string) => string;
  // API keys
  apiKeysTitle: string;
  apiKeysIntro: string;
  createKey: string;
  keyName: string;
  scopes: string;
  expiry: string;
  days: (n: number) => string;
  noExpiry: string;
  secretIntro: string;
  noKeys: string;
  prefix: string;
  uses: (n: number) => string;
  revoke: string;
  keyRevoked: string;
  chooseScope: string;
  // SSH keys
  sshTitle: string;
  sshIntro: string;
  publicKey: string;
  publicKeyHint: string;
  addKey: string;
  noSshKeys: string;
  fingerprint: string;
  keyAdded: string;
  keyDeleted: string;
  // Activity
  activityTitle: string;
  noActivity: string;
  showMore: string;
  activity: Record<string, string>;
  // Idle timeout
  idleTitle: string;
  idleBody: (seconds: number) => string;
  staySignedIn: string;
  signOutNow: string;
  idleSignedOut: string;
}
