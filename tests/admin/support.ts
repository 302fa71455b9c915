import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { AuthServer, Device } from "../support/auth-server";
import { uniqueEmail } from "../support/auth-server";

/** The admins every admin test server lists in ADMIN_EMAILS (one address a test, so tests never share an admin). */
export const ADMIN_ADDRESSES = Array.from({ length: 12 }, (_, index) => `admin-${index + 1}@example.com`);
export const ADMIN_ENV = { ADMIN_EMAILS: ADMIN_ADDRESSES.join(", "), MAGIC_LINK_ADDRESS_LIMIT: "50" };

let nextAdmin = 0;

/** A passkey row for a user: what registering one leaves in the database. */
export const addPasskey = (app: AuthServer, userId: string) =>
  app.db.passkey.create({
    data: { id: randomUUID(), userId, publicKey: "test-key", credentialID: randomUUID(), counter: 0, deviceType: "singleDevice", backedUp: false },
  });

/** A listed admin, signed in by link, holding a passkey (unless `secondFactor: false`): the browser and the id. */
export async function signedInAdmin(app: AuthServer, { secondFactor = true } = {}) {
  const email = ADMIN_ADDRESSES[nextAdmin++];
  const browser = await app.signedIn(email);
  const user = (await app.userByEmail(email))!;
  expect(user.role).toBe("admin");
  if (secondFactor) await addPasskey(app, user.id);
  return { browser, email, id: user.id };
}

/** A person who is no admin, signed in by link on a browser of their own. */
export async function signedInMember(app: AuthServer, label = "member") {
  const email = uniqueEmail(label);
  const browser = await app.signedIn(email);
  return { browser, email, id: (await app.userByEmail(email))!.id };
}

/** Makes a session older than the fresh sign-in window (an hour), as if signed in long ago. */
export async function ageSessions(app: AuthServer, userId: string) {
  await app.db.session.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000) } });
}

export type { Device };
