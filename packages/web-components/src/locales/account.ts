import type { Table } from './translation.js';

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
  verified: string;
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
  /** Words for the problem codes only these elements meet. */
  problems: Record<string, string>;
}

const en: AccountStrings = {
  signUpTitle: 'Create an account',
  signUpSubmit: 'Create account',
  haveAccount: 'Already have an account?',
  signIn: 'Sign in',
  checkEmailTitle: 'Check your email',
  verificationSent: (email) => `We sent a link to ${email}. Open it to finish creating your account.`,
  resendLink: 'Send the link again',
  linkResent: 'We sent another link. It can take a minute to arrive.',
  signUpClosed: 'Sign-up is by invitation only. Ask your administrator for an invitation.',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
  passwordsDiffer: 'The two passwords do not match.',
  passwordHint: (min) => `At least ${min} characters. A few unrelated words make a strong password.`,
  strength: 'Password strength',
  strengthLevels: ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'],
  meetsPolicy: 'This password is accepted.',
  forgotTitle: 'Reset your password',
  forgotIntro: 'Enter the email address of your account and we will send you a link to choose a new password.',
  forgotSubmit: 'Send reset link',
  forgotSent: 'If an account uses that address, a reset link is on its way. The link works for one hour.',
  backToSignIn: 'Back to sign in',
  resetTitle: 'Choose a new password',
  resetSubmit: 'Set new password',
  resetDone: 'Your password was changed and every session was signed out. Sign in with your new password.',
  missingToken: 'This link is incomplete. Open the link from the email again, or ask for a new one.',
  requestNewLink: 'Ask for a new link',
  verifyTitle: 'Verify your email address',
  verifying: 'Verifying your email address…',
  verified: 'Your email address is verified. You are signed in.',
  verifyFailedIntro: 'Enter your email address and we will send a new link.',
  signInToContinue: 'Your email address is verified. Sign in to continue.',
  confirmTitle: 'Confirm your new email address',
  confirming: 'Confirming your new email address…',
  confirmed: (email) => `Done: you now sign in with ${email}.`,
  inviteTitle: 'Activate your account',
  inviteIntro: 'You were invited. Choose a password to activate your account.',
  inviteSubmit: 'Activate account',
  activated: 'Your account is active. You are signed in.',
  continue: 'Continue',
  problems: {
    weak_password: 'This password is too easy to guess.',
    sign_up_disabled: 'Sign-up is by invitation only.',
    invalid_token: 'This link is invalid, already used or expired.',
    email_taken: 'This email address belongs to another account.',
  },
};

const fr: AccountStrings = {
  signUpTitle: 'Créer un compte',
  signUpSubmit: 'Créer le compte',
  haveAccount: 'Vous avez déjà un compte ?',
  signIn: 'Se connecter',
  checkEmailTitle: 'Consultez vos e-mails',
  verificationSent: (email) => `Nous avons envoyé un lien à ${email}. Ouvrez-le pour terminer la création de votre compte.`,
  resendLink: 'Renvoyer le lien',
  linkResent: 'Nous avons envoyé un nouveau lien. Il peut mettre une minute à arriver.',
  signUpClosed: 'L’inscription se fait uniquement sur invitation. Demandez une invitation à votre administrateur.',
  newPassword: 'Nouveau mot de passe',
  confirmPassword: 'Confirmez le nouveau mot de passe',
  passwordsDiffer: 'Les deux mots de passe ne correspondent pas.',
  passwordHint: (min) => `Au moins ${min} caractères. Quelques mots sans rapport font un mot de passe solide.`,
  strength: 'Robustesse du mot de passe',
  strengthLevels: ['Très faible', 'Faible', 'Moyenne', 'Bonne', 'Excellente'],
  meetsPolicy: 'Ce mot de passe est accepté.',
  forgotTitle: 'Réinitialiser le mot de passe',
  forgotIntro: 'Saisissez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
  forgotSubmit: 'Envoyer le lien',
  forgotSent: 'Si un compte utilise cette adresse, un lien de réinitialisation est en route. Il est valable une heure.',
  backToSignIn: 'Retour à la connexion',
  resetTitle: 'Choisissez un nouveau mot de passe',
  resetSubmit: 'Enregistrer le mot de passe',
  resetDone: 'Votre mot de passe a été changé et toutes les sessions ont été fermées. Connectez-vous avec le nouveau mot de passe.',
  missingToken: 'Ce lien est incomplet. Ouvrez à nouveau le lien de l’e-mail, ou demandez-en un nouveau.',
  requestNewLink: 'Demander un nouveau lien',
  verifyTitle: 'Vérifiez votre adresse e-mail',
  verifying: 'Vérification de votre adresse e-mail…',
  verified: 'Votre adresse e-mail est vérifiée. Vous êtes connecté.',
  verifyFailedIntro: 'Saisissez votre adresse e-mail : nous vous enverrons un nouveau lien.',
  signInToContinue: 'Votre adresse e-mail est vérifiée. Connectez-vous pour continuer.',
  confirmTitle: 'Confirmez votre nouvelle adresse e-mail',
  confirming: 'Confirmation de votre nouvelle adresse e-mail…',
  confirmed: (email) => `C’est fait : vous vous connectez désormais avec ${email}.`,
  inviteTitle: 'Activez votre compte',
  inviteIntro: 'Vous avez été invité. Choisissez un mot de passe pour activer votre compte.',
  inviteSubmit: 'Activer le compte',
  activated: 'Votre compte est actif. Vous êtes connecté.',
  continue: 'Continuer',
  problems: {
    weak_password: 'Ce mot de passe est trop facile à deviner.',
    sign_up_disabled: 'L’inscription se fait uniquement sur invitation.',
    invalid_token: 'Ce lien est invalide, déjà utilisé ou expiré.',
    email_taken: 'Cette adresse e-mail appartient à un autre compte.',
  },
};

/** The account-page strings in every shipped language. */
export const accountStrings: Table<AccountStrings> = { en, fr };
