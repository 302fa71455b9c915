import { test as base } from "@playwright/test";
import { randomClientIp } from "../scripts/production-server";

export { expect } from "@playwright/test";

/**
 * The test servers trust x-real-ip as the client address, as a deployment behind Vercel's edge does.
 * Each test plays its own client with its own address, so rate limits stay on at their real values and
 * one test's requests never count against another's.
 */
export { randomClientIp };

export const test = base.extend({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
    await provide({ ...extraHTTPHeaders, "x-real-ip": randomClientIp() });
  },
});
