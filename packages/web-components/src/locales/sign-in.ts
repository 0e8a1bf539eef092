import type { SecondFactorMethod } from '../api/types.js';
import type { Table } from './translation.js';

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

const en: SignInStrings = {
  title: 'Sign in',
  submit: 'Sign in',
  forgot: 'Forgot your password?',
  noAccount: 'No account yet?',
  signUp: 'Create an account',
  passkey: 'Sign in with a passkey',
  or: 'or',
  twoFactorTitle: 'Two-step verification',
  prompt: {
    totp: 'Enter the 6-digit code from your authenticator app.',
    email: 'We emailed you a code. Enter it below.',
    backup_code: 'Enter one of your backup codes. Each code works once.',
    passkey: 'Use your passkey to confirm it is you.',
  },
  switchTo: {
    totp: 'Use your authenticator app',
    email: 'Email me a code',
    backup_code: 'Use a backup code',
    passkey: 'Use a passkey',
  },
  otherMethods: 'Other ways to verify',
  verify: 'Verify',
  usePasskey: 'Use passkey',
  resend: 'Send a new code',
  resendIn: (s) => `Send a new code (${s} s)`,
  codeSent: 'A code is on its way to your inbox.',
  startOver: 'Start over',
  signedIn: 'You are signed in.',
};

const fr: SignInStrings = {
  title: 'Connexion',
  submit: 'Se connecter',
  forgot: 'Mot de passe oublié ?',
  noAccount: 'Pas encore de compte ?',
  signUp: 'Créer un compte',
  passkey: 'Se connecter avec une clé d’accès',
  or: 'ou',
  twoFactorTitle: 'Validation en deux étapes',
  prompt: {
    totp: 'Saisissez le code à 6 chiffres de votre application d’authentification.',
    email: 'Nous vous avons envoyé un code par e-mail. Saisissez-le ci-dessous.',
    backup_code: 'Saisissez l’un de vos codes de secours. Chaque code ne sert qu’une fois.',
    passkey: 'Utilisez votre clé d’accès pour confirmer votre identité.',
  },
  switchTo: {
    totp: 'Utiliser l’application d’authentification',
    email: 'Recevoir un code par e-mail',
    backup_code: 'Utiliser un code de secours',
    passkey: 'Utiliser une clé d’accès',
  },
  otherMethods: 'Autres moyens de vérification',
  verify: 'Vérifier',
  usePasskey: 'Utiliser la clé d’accès',
  resend: 'Envoyer un nouveau code',
  resendIn: (s) => `Envoyer un nouveau code (${s} s)`,
  codeSent: 'Un code arrive dans votre boîte de réception.',
  startOver: 'Recommencer',
  signedIn: 'Vous êtes connecté.',
};

/** The sign-in strings in every shipped language. */
export const signInStrings: Table<SignInStrings> = { en, fr };
