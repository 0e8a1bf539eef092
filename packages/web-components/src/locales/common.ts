import type { Table } from './translation.js';

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

const en: CommonStrings = {
  email: 'Email address',
  password: 'Password',
  displayName: 'Name',
  optional: 'optional',
  code: 'Code',
  loading: 'Loading…',
  cancel: 'Cancel',
  confirm: 'Confirm',
  close: 'Close',
  emailRequired: 'Enter your email address.',
  emailInvalid: 'Enter a valid email address, like name@example.com.',
  passwordRequired: 'Enter your password.',
  codeRequired: 'Enter the code.',
  fieldRequired: 'Fill in this field.',
  problems: {
    invalid_credentials: 'The email address or password is not correct.',
    email_not_verified: 'Verify your email address first: open the link we emailed you.',
    account_disabled: 'This account is disabled. Contact your administrator.',
    captcha_failed: 'The human check failed. Please try again.',
    rate_limited: 'Too many attempts. Please wait a moment and try again.',
    invalid_code: 'That code is not correct or has expired.',
    challenge_expired: 'This sign-in attempt has expired. Please sign in again.',
    invalid_passkey: 'The passkey could not be verified.',
    passkey_cancelled: 'The passkey request was cancelled or timed out.',
    unauthenticated: 'Your session has ended. Please sign in again.',
    csrf_rejected: 'This page is not allowed to make that request.',
    validation_failed: 'Some fields are missing or not valid.',
    network_error: 'Could not reach the server. Check your connection and try again.',
    service_unavailable: 'The service is temporarily unavailable. Please try again shortly.',
    internal_error: 'Something went wrong on our side. Please try again.',
  },
  retryIn: (s) => `Too many attempts. Try again in ${s} seconds.`,
};

const fr: CommonStrings = {
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  displayName: 'Nom',
  optional: 'facultatif',
  code: 'Code',
  loading: 'Chargement…',
  cancel: 'Annuler',
  confirm: 'Confirmer',
  close: 'Fermer',
  emailRequired: 'Saisissez votre adresse e-mail.',
  emailInvalid: 'Saisissez une adresse e-mail valide, comme nom@exemple.fr.',
  passwordRequired: 'Saisissez votre mot de passe.',
  codeRequired: 'Saisissez le code.',
  fieldRequired: 'Remplissez ce champ.',
  problems: {
    invalid_credentials: 'L’adresse e-mail ou le mot de passe est incorrect.',
    email_not_verified: 'Vérifiez d’abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé.',
    account_disabled: 'Ce compte est désactivé. Contactez votre administrateur.',
    captcha_failed: 'La vérification anti-robot a échoué. Réessayez.',
    rate_limited: 'Trop de tentatives. Patientez un instant puis réessayez.',
    invalid_code: 'Ce code est incorrect ou a expiré.',
    challenge_expired: 'Cette tentative de connexion a expiré. Reconnectez-vous.',
    invalid_passkey: 'La clé d’accès n’a pas pu être vérifiée.',
    passkey_cancelled: 'La demande de clé d’accès a été annulée ou a expiré.',
    unauthenticated: 'Votre session a pris fin. Reconnectez-vous.',
    csrf_rejected: 'Cette page n’est pas autorisée à faire cette demande.',
    validation_failed: 'Des champs sont manquants ou invalides.',
    network_error: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    service_unavailable: 'Le service est momentanément indisponible. Réessayez bientôt.',
    internal_error: 'Une erreur est survenue de notre côté. Réessayez.',
  },
  retryIn: (s) => `Trop de tentatives. Réessayez dans ${s} secondes.`,
};

/** The common strings in every shipped language. */
export const commonStrings: Table<CommonStrings> = { en, fr };
