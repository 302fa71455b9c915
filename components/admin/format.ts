import type { ProviderNames } from "@/components/account/activity-list";

/** A date and time in the console (UTC, as everywhere in the app): "6 Dec 2026, 20:15 UTC". */
export const dateTime = (date: Date | string) =>
  `${new Date(date).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/** A date alone: "6 Dec 2026". */
export const dateOnly = (date: Date | string) => new Date(date).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" });

/** What the console needs to name an account's ways in: which the app offers, and the providers' names. */
export interface MethodSettings {
  emailSignIn: "link-and-code" | "link" | "code";
  password: boolean;
  passkeys: boolean;
  providerNames: ProviderNames;
}

/** The ways an account can sign in now, in words: email ones for everyone, then what it holds that the app offers. */
export function signInMethods(
  account: { password: boolean; passkeys: number; providers: string[] },
  settings: MethodSettings,
): string[] {
  return [
    ...(settings.emailSignIn === "code" ? [] : ["Email link"]),
    ...(settings.emailSignIn === "link" ? [] : ["Email code"]),
    ...(settings.password && account.password ? ["Password"] : []),
    ...(settings.passkeys && account.passkeys > 0 ? [account.passkeys === 1 ? "Passkey" : `${account.passkeys} passkeys`] : []),
    ...account.providers.map((id) => settings.providerNames[id] ?? id),
  ];
}
