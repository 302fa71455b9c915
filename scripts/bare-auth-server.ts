/**
 * The yardstick of `npm run bench`: better-auth as its documentation sets it up, none of this app on top.
 * node:http + toNodeHandler, the same better-auth, Prisma client and adapter (lib/platform/db/client.ts), the magic-link
 * plugin with hashed tokens, no rate limiting. Each link is stored in the dev_email table, as the app's dev
 * mailbox stores its emails, so both servers write the same rows to deliver one (the app also renders its
 * React Email template: that is its own work and counts against it).
 *
 * The bench bundles this file into plain JavaScript and runs it with node: PORT, DATABASE_URL,
 * BETTER_AUTH_SECRET, BETTER_AUTH_URL.
 */
import { createServer } from "node:http";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { toNodeHandler } from "better-auth/node";
import { magicLink } from "better-auth/plugins";
import { createClient } from "../lib/platform/db/client";
import { providerOf } from "../lib/platform/db/provider";

const { PORT, DATABASE_URL, BETTER_AUTH_SECRET, BETTER_AUTH_URL } = process.env;
if (!PORT || !DATABASE_URL || !BETTER_AUTH_SECRET || !BETTER_AUTH_URL) {
  throw new Error("Set PORT, DATABASE_URL, BETTER_AUTH_SECRET and BETTER_AUTH_URL.");
}
const db = createClient(DATABASE_URL);

const auth = betterAuth({
  secret: BETTER_AUTH_SECRET,
  baseURL: BETTER_AUTH_URL,
  database: prismaAdapter(db, { provider: providerOf(DATABASE_URL) }),
  rateLimit: { enabled: false },
  plugins: [
    magicLink({
      storeToken: "hashed",
      sendMagicLink: async ({ email, url }) => {
        await db.devEmail.create({ data: { to: email, subject: "Sign in", html: url, text: url } });
      },
    }),
  ],
});

createServer(toNodeHandler(auth)).listen(Number(PORT));
