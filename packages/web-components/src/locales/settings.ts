import type { Table } from './translation.js';

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

const en: SettingsStrings = {
  title: 'Security settings',
  signedOut: 'Sign in to manage your account.',
  signIn: 'Sign in',
  save: 'Save',
  saved: 'Saved.',
  remove: 'Remove',
  rename: 'Rename',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy. Select the text and copy it by hand.',
  download: 'Download',
  done: 'Done',
  never: 'Never',
  created: 'Added',
  lastUsed: 'Last used',
  expires: 'Expires',
  name: 'Name',
  problems: {
    weak_password: 'This password is too easy to guess.',
    password_reused: 'Choose a password different from your current one.',
    email_taken: 'This email address belongs to another account.',
    limit_reached: 'You have reached the limit. Remove one first.',
    duplicate_key: 'This key has already been added.',
    invalid_scope: 'One or more of the chosen scopes are not allowed.',
    invalid_ssh_key: 'This is not an accepted SSH public key. Paste the whole line from your .pub file (Ed25519, ECDSA, or RSA of at least 2048 bits) — never the private key.',
    reauthentication_required: 'The password is not correct.',
    not_found: 'It no longer exists. The list was refreshed.',
    forbidden: 'You are not allowed to do this.',
  },
  reauthTitle: 'Confirm it is you',
  reauthIntro: 'Enter your password to continue.',
  profileTitle: 'Profile',
  loginEmail: 'Login email',
  verified: 'Verified',
  notVerified: 'Not verified',
  changeEmail: 'Change login email',
  newEmail: 'New email address',
  sendConfirmation: 'Send confirmation link',
  emailChangeSent: (email) => `We sent a confirmation link to ${email}. Your login email changes once you open it.`,
  passwordTitle: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
  passwordsDiffer: 'The two passwords do not match.',
  changePassword: 'Change password',
  passwordChanged: 'Password changed. Your other sessions were signed out.',
  twoFactorTitle: 'Two-step verification',
  twoFactorIntro: 'Ask for a second proof when you sign in, so a stolen password is not enough.',
  twoFactorRequiredNotice: 'Your role requires a second factor. Set up an authenticator app or a passkey now.',
  on: 'On',
  off: 'Off',
  authenticator: 'Authenticator app',
  authenticatorHint: 'Codes from an app such as Google Authenticator, 1Password or Aegis.',
  setUp: 'Set up',
  turnOff: 'Turn off',
  turnOn: 'Turn on',
  scan: 'Scan this QR code with your authenticator app, or type the setup key into it. Then enter the code it shows.',
  qrAlt: 'QR code for your authenticator app',
  setupKey: 'Setup key',
  verifyCode: 'Code from the app',
  totpOn: 'The authenticator app is on.',
  totpOff: 'The authenticator app is off.',
  emailCodes: 'Email codes',
  emailCodesHint: 'A code sent to your login email. Weaker than an app or a passkey.',
  emailOn: 'Email codes are on.',
  emailOff: 'Email codes are off.',
  disableCode: 'Enter a code from your authenticator app, an emailed code or a backup code to confirm.',
  emailMeCode: 'Email me a code',
  codeSent: 'A code is on its way to your inbox.',
  backupCodes: 'Backup codes',
  backupRemaining: (n) => (n === 1 ? '1 unused code left.' : `${n} unused codes left.`),
  backupIntro: 'Save these backup codes somewhere safe, such as your password manager. Each works once if you lose your other factors. They are shown only now.',
  regenerate: 'Get new backup codes',
  savedCodes: 'I have saved them',
  passkeysTitle: 'Passkeys',
  passkeysIntro: 'Sign in with your fingerprint, face or device PIN instead of a password.',
  addPasskey: 'Add a passkey',
  passkeyName: 'Passkey name',
  noPasskeys: 'No passkeys yet.',
  passkeyAdded: 'Passkey added.',
  passkeyRemoved: 'Passkey removed.',
  passkeysUnsupported: 'This browser cannot create passkeys.',
  defaultPasskeyName: 'Passkey',
  sessionsTitle: 'Sessions',
  thisDevice: 'This device',
  unknownDevice: 'Unknown device',
  lastActive: 'Last active',
  signOutSession: 'Sign out',
  signOutOthers: 'Sign out everywhere else',
  sessionRevoked: 'That session was signed out.',
  othersRevoked: 'Every other session was signed out.',
  deviceOf: (browser, os) => `${browser} on ${os}`,
  apiKeysTitle: 'API keys',
  apiKeysIntro: 'Keys let scripts and tools call the API as you.',
  createKey: 'Create key',
  keyName: 'Key name',
  scopes: 'Scopes',
  expiry: 'Expires after',
  days: (n) => `${n} days`,
  noExpiry: 'Never',
  secretIntro: 'Copy this key now. It will not be shown again.',
  noKeys: 'No API keys yet.',
  prefix: 'Key',
  uses: (n) => (n === 1 ? 'used once' : `used ${n} times`),
  revoke: 'Revoke',
  keyRevoked: 'Key revoked.',
  chooseScope: 'Choose at least one scope.',
  sshTitle: 'SSH keys',
  sshIntro: 'Public keys that may sign in to servers as you.',
  publicKey: 'Public key',
  publicKeyHint: 'Paste the contents of your .pub file, for example ~/.ssh/id_ed25519.pub.',
  addKey: 'Add key',
  noSshKeys: 'No SSH keys yet.',
  fingerprint: 'Fingerprint',
  keyAdded: 'Key added.',
  keyDeleted: 'Key deleted.',
  activityTitle: 'Recent activity',
  noActivity: 'No activity yet.',
  showMore: 'Show more',
  activity: {
    'sign_in.succeeded': 'Signed in',
    'sign_in.failed': 'Failed sign-in attempt',
    signed_out: 'Signed out',
    'user.signed_up': 'Account created',
    'email.verified': 'Email address verified',
    'email.change_requested': 'Login email change requested',
    'email.changed': 'Login email changed',
    'password.changed': 'Password changed',
    'password.reset': 'Password reset',
    'password.reset_requested': 'Password reset requested',
    'profile.updated': 'Profile updated',
    'session.revoked': 'Session signed out',
    'session.evicted': 'Oldest session signed out',
    'sessions.revoked_others': 'Other sessions signed out',
    'invitation.accepted': 'Invitation accepted',
    'two_factor.enabled': 'Two-step verification turned on',
    'two_factor.disabled': 'Two-step verification turned off',
    'totp.enabled': 'Authenticator app turned on',
    'totp.disabled': 'Authenticator app turned off',
    'backup_codes.regenerated': 'New backup codes created',
    'backup_code.used': 'Backup code used',
    'passkey.added': 'Passkey added',
    'passkey.removed': 'Passkey removed',
    'api_key.created': 'API key created',
    'api_key.revoked': 'API key revoked',
    'ssh_key.added': 'SSH key added',
    'ssh_key.deleted': 'SSH key deleted',
  },
  idleTitle: 'Are you still there?',
  idleBody: (s) => `For your security you will be signed out in ${s} seconds because of inactivity.`,
  staySignedIn: 'Stay signed in',
  signOutNow: 'Sign out now',
  idleSignedOut: 'You were signed out after a period of inactivity.',
};

const fr: SettingsStrings = {
  title: 'Paramètres de sécurité',
  signedOut: 'Connectez-vous pour gérer votre compte.',
  signIn: 'Se connecter',
  save: 'Enregistrer',
  saved: 'Enregistré.',
  remove: 'Supprimer',
  rename: 'Renommer',
  copy: 'Copier',
  copied: 'Copié dans le presse-papiers.',
  copyFailed: 'Copie impossible. Sélectionnez le texte et copiez-le à la main.',
  download: 'Télécharger',
  done: 'Terminé',
  never: 'Jamais',
  created: 'Ajoutée le',
  lastUsed: 'Dernière utilisation',
  expires: 'Expire le',
  name: 'Nom',
  problems: {
    weak_password: 'Ce mot de passe est trop facile à deviner.',
    password_reused: 'Choisissez un mot de passe différent de l’actuel.',
    email_taken: 'Cette adresse e-mail appartient à un autre compte.',
    limit_reached: 'Vous avez atteint la limite. Supprimez-en un d’abord.',
    duplicate_key: 'Cette clé a déjà été ajoutée.',
    invalid_scope: 'Une ou plusieurs portées choisies ne sont pas autorisées.',
    invalid_ssh_key: 'Cette clé publique SSH n’est pas acceptée. Collez la ligne entière de votre fichier .pub (Ed25519, ECDSA ou RSA d’au moins 2048 bits), jamais la clé privée.',
    reauthentication_required: 'Le mot de passe est incorrect.',
    not_found: 'Cet élément n’existe plus. La liste a été actualisée.',
    forbidden: 'Vous n’êtes pas autorisé à faire cela.',
  },
  reauthTitle: 'Confirmez votre identité',
  reauthIntro: 'Saisissez votre mot de passe pour continuer.',
  profileTitle: 'Profil',
  loginEmail: 'E-mail de connexion',
  verified: 'Vérifiée',
  notVerified: 'Non vérifiée',
  changeEmail: 'Changer l’e-mail de connexion',
  newEmail: 'Nouvelle adresse e-mail',
  sendConfirmation: 'Envoyer le lien de confirmation',
  emailChangeSent: (email) => `Nous avons envoyé un lien de confirmation à ${email}. L’e-mail de connexion change dès que vous l’ouvrez.`,
  passwordTitle: 'Mot de passe',
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  confirmPassword: 'Confirmez le nouveau mot de passe',
  passwordsDiffer: 'Les deux mots de passe ne correspondent pas.',
  changePassword: 'Changer le mot de passe',
  passwordChanged: 'Mot de passe changé. Vos autres sessions ont été fermées.',
  twoFactorTitle: 'Validation en deux étapes',
  twoFactorIntro: 'Demandez une seconde preuve à la connexion : un mot de passe volé ne suffit plus.',
  twoFactorRequiredNotice: 'Votre rôle exige un second facteur. Configurez dès maintenant une application d’authentification ou une clé d’accès.',
  on: 'Activée',
  off: 'Désactivée',
  authenticator: 'Application d’authentification',
  authenticatorHint: 'Des codes d’une application comme Google Authenticator, 1Password ou Aegis.',
  setUp: 'Configurer',
  turnOff: 'Désactiver',
  turnOn: 'Activer',
  scan: 'Scannez ce code QR avec votre application d’authentification, ou saisissez-y la clé de configuration. Saisissez ensuite le code affiché.',
  qrAlt: 'Code QR pour votre application d’authentification',
  setupKey: 'Clé de configuration',
  verifyCode: 'Code de l’application',
  totpOn: 'L’application d’authentification est activée.',
  totpOff: 'L’application d’authentification est désactivée.',
  emailCodes: 'Codes par e-mail',
  emailCodesHint: 'Un code envoyé à votre e-mail de connexion. Moins sûr qu’une application ou une clé d’accès.',
  emailOn: 'Les codes par e-mail sont activés.',
  emailOff: 'Les codes par e-mail sont désactivés.',
  disableCode: 'Saisissez un code de votre application d’authentification, un code reçu par e-mail ou un code de secours pour confirmer.',
  emailMeCode: 'Recevoir un code par e-mail',
  codeSent: 'Un code arrive dans votre boîte de réception.',
  backupCodes: 'Codes de secours',
  backupRemaining: (n) => (n <= 1 ? `${n} code inutilisé restant.` : `${n} codes inutilisés restants.`),
  backupIntro: 'Conservez ces codes de secours en lieu sûr, par exemple dans votre gestionnaire de mots de passe. Chacun sert une fois si vous perdez vos autres facteurs. Ils ne sont affichés que maintenant.',
  regenerate: 'Obtenir de nouveaux codes',
  savedCodes: 'Je les ai enregistrés',
  passkeysTitle: 'Clés d’accès',
  passkeysIntro: 'Connectez-vous avec votre empreinte, votre visage ou le code de votre appareil au lieu d’un mot de passe.',
  addPasskey: 'Ajouter une clé d’accès',
  passkeyName: 'Nom de la clé d’accès',
  noPasskeys: 'Aucune clé d’accès pour l’instant.',
  passkeyAdded: 'Clé d’accès ajoutée.',
  passkeyRemoved: 'Clé d’accès supprimée.',
  passkeysUnsupported: 'Ce navigateur ne peut pas créer de clé d’accès.',
  defaultPasskeyName: 'Clé d’accès',
  sessionsTitle: 'Sessions',
  thisDevice: 'Cet appareil',
  unknownDevice: 'Appareil inconnu',
  lastActive: 'Dernière activité',
  signOutSession: 'Déconnecter',
  signOutOthers: 'Se déconnecter partout ailleurs',
  sessionRevoked: 'Cette session a été fermée.',
  othersRevoked: 'Toutes les autres sessions ont été fermées.',
  deviceOf: (browser, os) => `${browser} sur ${os}`,
  apiKeysTitle: 'Clés d’API',
  apiKeysIntro: 'Les clés permettent à des scripts et outils d’appeler l’API en votre nom.',
  createKey: 'Créer la clé',
  keyName: 'Nom de la clé',
  scopes: 'Portées',
  expiry: 'Expire après',
  days: (n) => `${n} jours`,
  noExpiry: 'Jamais',
  secretIntro: 'Copiez cette clé maintenant. Elle ne sera plus affichée.',
  noKeys: 'Aucune clé d’API pour l’instant.',
  prefix: 'Clé',
  uses: (n) => `utilisée ${n} fois`,
  revoke: 'Révoquer',
  keyRevoked: 'Clé révoquée.',
  chooseScope: 'Choisissez au moins une portée.',
  sshTitle: 'Clés SSH',
  sshIntro: 'Les clés publiques autorisées à vous connecter aux serveurs.',
  publicKey: 'Clé publique',
  publicKeyHint: 'Collez le contenu de votre fichier .pub, par exemple ~/.ssh/id_ed25519.pub.',
  addKey: 'Ajouter la clé',
  noSshKeys: 'Aucune clé SSH pour l’instant.',
  fingerprint: 'Empreinte',
  keyAdded: 'Clé ajoutée.',
  keyDeleted: 'Clé supprimée.',
  activityTitle: 'Activité récente',
  noActivity: 'Aucune activité pour l’instant.',
  showMore: 'Afficher plus',
  activity: {
    'sign_in.succeeded': 'Connexion',
    'sign_in.failed': 'Tentative de connexion échouée',
    signed_out: 'Déconnexion',
    'user.signed_up': 'Compte créé',
    'email.verified': 'Adresse e-mail vérifiée',
    'email.change_requested': 'Changement d’e-mail de connexion demandé',
    'email.changed': 'E-mail de connexion changé',
    'password.changed': 'Mot de passe changé',
    'password.reset': 'Mot de passe réinitialisé',
    'password.reset_requested': 'Réinitialisation du mot de passe demandée',
    'profile.updated': 'Profil mis à jour',
    'session.revoked': 'Session fermée',
    'session.evicted': 'Session la plus ancienne fermée',
    'sessions.revoked_others': 'Autres sessions fermées',
    'invitation.accepted': 'Invitation acceptée',
    'two_factor.enabled': 'Validation en deux étapes activée',
    'two_factor.disabled': 'Validation en deux étapes désactivée',
    'totp.enabled': 'Application d’authentification activée',
    'totp.disabled': 'Application d’authentification désactivée',
    'backup_codes.regenerated': 'Nouveaux codes de secours créés',
    'backup_code.used': 'Code de secours utilisé',
    'passkey.added': 'Clé d’accès ajoutée',
    'passkey.removed': 'Clé d’accès supprimée',
    'api_key.created': 'Clé d’API créée',
    'api_key.revoked': 'Clé d’API révoquée',
    'ssh_key.added': 'Clé SSH ajoutée',
    'ssh_key.deleted': 'Clé SSH supprimée',
  },
  idleTitle: 'Êtes-vous toujours là ?',
  idleBody: (s) => `Par sécurité, vous serez déconnecté dans ${s} secondes faute d’activité.`,
  staySignedIn: 'Rester connecté',
  signOutNow: 'Se déconnecter maintenant',
  idleSignedOut: 'Vous avez été déconnecté après une période d’inactivité.',
};

/** The settings strings in every shipped language. */
export const settingsStrings: Table<SettingsStrings> = { en, fr };
