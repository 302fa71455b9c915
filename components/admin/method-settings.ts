import "server-only";
import { authFeatures, emailSignIn, socialProviders } from "@/lib/auth/settings";
import type { MethodSettings } from "./format";

/** The app's settings that decide which ways in the console names. */
export const methodSettings: MethodSettings = {
  emailSignIn,
  password: authFeatures.password,
  passkeys: authFeatures.passkeys,
  providerNames: Object.fromEntries(socialProviders.map(({ id, name }) => [id, name])),
};
