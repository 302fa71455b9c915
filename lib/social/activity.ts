import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { recordActivity } from "@/lib/activity";
import { ENDPOINTS } from "@/lib/common/paths";
import { isProviderAccount } from "./rules";

/** The activity events of connected providers, from better-auth's account rows (databaseHooks.account). */

type AccountRow = { userId: string; providerId: string };

/**
 * databaseHooks.account.create.after: a provider is now a way into this user's account: connected from the
 * account area, linked by its first sign-in to an existing account, or by the sign-up it made.
 */
export async function recordAccountLinked(account: AccountRow, ctx: GenericEndpointContext | null) {
  if (!isProviderAccount(account)) return;
  await recordActivity(ctx, { type: "account.linked", userId: account.userId, details: { provider: account.providerId } });
}

/**
 * databaseHooks.account.delete.after: a provider is no longer a way in: disconnected from the account area, or
 * removed by better-auth when an emailed link or code first proves an address the account never had proven.
 * Not when the whole account is deleted: nothing of the user is kept then.
 */
export async function recordAccountUnlinked(account: AccountRow, ctx: GenericEndpointContext | null) {
  if (!isProviderAccount(account) || ctx?.path.startsWith(ENDPOINTS.deleteUser)) return;
  await recordActivity(ctx, { type: "account.unlinked", userId: account.userId, details: { provider: account.providerId } });
}
