import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/client";
import { adminClient, emailOTPClient, magicLinkClient, organizationClient, twoFactorClient } from "better-auth/client/plugins";

/** The browser's side of lib/auth/index.ts: the official better-auth client, served from the same origin. */
export const authClient = createAuthClient({
  plugins: [magicLinkClient(), emailOTPClient(), twoFactorClient(), passkeyClient(), organizationClient(), adminClient()],
});
