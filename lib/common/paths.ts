/**
 * The auth endpoints the app's own rules and hooks refer to, by what they do: better-auth's paths (under
 * /api/auth), written once. Hooks match on these; the wire protocol (docs/wire-protocol.md) lists them for clients.
 */
export const ENDPOINTS = {
  // Email sign-in: a link, a code, or both in one email.
  sendLink: "/sign-in/magic-link",
  verifyLink: "/magic-link/verify",
  sendCode: "/email-otp/send-verification-otp",
  signInWithCode: "/sign-in/email-otp",
  // Passwords.
  signInWithPassword: "/sign-in/email",
  signUp: "/sign-up/email",
  requestPasswordReset: "/request-password-reset",
  resetPassword: "/reset-password",
  sendVerificationEmail: "/send-verification-email",
  verifyEmail: "/verify-email",
  changePassword: "/change-password",
  // The account.
  updateUser: "/update-user",
  changeEmail: "/change-email",
  deleteUser: "/delete-user",
  signOut: "/sign-out",
  listSessions: "/list-sessions",
  revokeSession: "/revoke-session",
  revokeSessions: "/revoke-sessions",
  revokeOtherSessions: "/revoke-other-sessions",
  accountSessions: "/account/sessions",
  accountRevokeSession: "/account/revoke-session",
  accountSetPassword: "/account/set-password",
  accountPassword: "/account/password",
  accountCancelEmailChange: "/account/cancel-email-change",
  // The second factor.
  enableTwoFactor: "/two-factor/enable",
  disableTwoFactor: "/two-factor/disable",
  getTotpUri: "/two-factor/get-totp-uri",
  generateBackupCodes: "/two-factor/generate-backup-codes",
  verifyTotp: "/two-factor/verify-totp",
  verifyBackupCode: "/two-factor/verify-backup-code",
  sendTwoFactorOtp: "/two-factor/send-otp",
  verifyTwoFactorOtp: "/two-factor/verify-otp",
  // Passkeys.
  passkeyRegisterOptions: "/passkey/generate-register-options",
  passkeyRegister: "/passkey/verify-registration",
  passkeyAuthenticateOptions: "/passkey/generate-authenticate-options",
  passkeySignIn: "/passkey/verify-authentication",
  deletePasskey: "/passkey/delete-passkey",
  // Social sign-in (GitHub, Google, OpenID Connect): start, the provider's way back, and the connected accounts.
  signInSocial: "/sign-in/social",
  /** Hooks see this pattern; the address the provider sends people back to is /callback/github, /callback/oidc, … */
  socialCallback: "/callback/:id",
  linkSocial: "/link-social",
  unlinkAccount: "/unlink-account",
  listAccounts: "/list-accounts",
  // Organizations (better-auth's organization plugin; lib/organizations/).
  createOrganization: "/organization/create",
  updateOrganization: "/organization/update",
  deleteOrganization: "/organization/delete",
  setActiveOrganization: "/organization/set-active",
  inviteMember: "/organization/invite-member",
  cancelInvitation: "/organization/cancel-invitation",
  acceptInvitation: "/organization/accept-invitation",
  rejectInvitation: "/organization/reject-invitation",
  removeMember: "/organization/remove-member",
  updateMemberRole: "/organization/update-member-role",
  leaveOrganization: "/organization/leave",
  // The admin console (better-auth's admin plugin; lib/admin/). Every path under /admin/ is an admin's.
  adminPrefix: "/admin/",
  adminCreateUser: "/admin/create-user",
  adminUpdateUser: "/admin/update-user",
  adminSetRole: "/admin/set-role",
  adminSetUserPassword: "/admin/set-user-password",
  banUser: "/admin/ban-user",
  unbanUser: "/admin/unban-user",
  removeUser: "/admin/remove-user",
  impersonateUser: "/admin/impersonate-user",
  stopImpersonating: "/admin/stop-impersonating",
  revokeUserSession: "/admin/revoke-user-session",
  revokeUserSessions: "/admin/revoke-user-sessions",
  adminListUserSessions: "/admin/list-user-sessions",
  /** This app's: one of a user's sessions by its id (the list above comes without tokens). */
  adminRevokeSession: "/admin/revoke-session",
} as const;

/** The app's pages that emailed links and sign-in steps lead to. */
export const PAGES = {
  signIn: "/sign-in",
  /** An emailed sign-in link opens this page; it uses nothing on GET or HEAD (mail scanners open links). */
  confirmSignIn: "/sign-in/confirm",
  twoFactor: "/sign-in/two-factor",
  /** Where the link in a confirmation email leads: the password sign-in page, saying the address is confirmed. */
  verified: "/sign-in/password?verified=1",
  forgotPassword: "/forgot-password",
  confirmEmailChange: "/email-change/confirm",
  /** Where a used email-change link lands: the profile page, which says the address changed (or why not). */
  emailChanged: "/account?emailChanged=1",
  deleteAccount: "/account/delete",
  /** The active organization's members and invitations. */
  organization: "/organization",
  newOrganization: "/organization/new",
  /** An emailed invitation opens /invitations/<id>: it shows the invitation; only a button accepts it. */
  invitations: "/invitations",
} as const;
