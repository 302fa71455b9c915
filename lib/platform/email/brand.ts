import "server-only";
import { tryGetCurrentAuthEndpointContext } from "@better-auth/core/context";
import { emailBrand } from "@/emails/_components/layout";
import { getEnv } from "@/lib/platform/env";

/**
 * The brand of an email sent now: its logo is served by this app, at its public address (BETTER_AUTH_URL, set
 * in production), or in development at the address the request came to, as better-auth's links are.
 */
export function currentEmailBrand() {
  return emailBrand(getEnv().BETTER_AUTH_URL ?? tryGetCurrentAuthEndpointContext()?.context.baseURL);
}
