import { expect, randomClientIp, test } from "./fixtures";
import { baseURL } from "./config";
import { expectNoSession, getSession, signInByPassword, totp, twoFactorUser, verifyTotp } from "./accounts";
import { confirm, requestLink } from "./helpers";

/** What an attacker can do against the second step of a two-factor sign-in, against the production build. */

const origin = { origin: baseURL() };

test.describe("getting around the second step", () => {
  test("a pending sign-in's cookie works once, nowhere else, and only with its own user's code", async ({ request, playwright }) => {
    const alice = await twoFactorUser(playwright);
    const bob = await twoFactorUser(playwright);
    await signInByPassword(request, alice.email);
    const pending = (await request.storageState()).cookies.find((cookie) => cookie.name.endsWith("two_factor"))!;
    expect(pending).toBeTruthy();

    // Bob's code against Alice's pending sign-in.
    const bobsCode = await verifyTotp(request, totp(bob.secret));
    expect(bobsCode.status()).toBe(401);
    expect((await bobsCode.json()).code).toBe("INVALID_CODE");

    // Another browser, without the cookie.
    const other = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { "x-real-ip": randomClientIp() } });
    const noCookie = await verifyTotp(other, totp(alice.secret));
    expect(noCookie.status()).toBe(401);
    expect((await noCookie.json()).code).toBe("INVALID_TWO_FACTOR_COOKIE");

    expect((await verifyTotp(request, totp(alice.secret))).status()).toBe(200);
    // The same cookie again, replayed from another client after it was used.
    const replay = await other.post("/api/auth/two-factor/verify-totp", {
      data: { code: totp(alice.secret) },
      headers: { ...origin, cookie: `${pending.name}=${pending.value}` },
    });
    expect(replay.status()).toBe(401);
    expect(await getSession(other)).toBeNull();
    await other.dispose();
  });

  test("garbage codes and bodies get 4xx, never 5xx", async ({ request, playwright }) => {
    const { email } = await twoFactorUser(playwright);
    await signInByPassword(request, email);
    const bodies: unknown[] = [
      { code: null },
      { code: 123456 },
      { code: ["123456"] },
      { code: { $gt: "" } },
      { code: "x".repeat(5000) },
      { code: "' OR 1=1 --" },
      { code: "123456", trustDevice: "yes" },
      "not json",
    ];
    for (const path of ["/api/auth/two-factor/verify-totp", "/api/auth/two-factor/verify-backup-code"]) {
      for (const data of bodies) {
        const response = await request.post(path, { data, headers: { ...origin, "x-real-ip": randomClientIp() } });
        expect(response.status(), `${path} ${JSON.stringify(data)}`).toBeGreaterThanOrEqual(400);
        expect(response.status(), `${path} ${JSON.stringify(data)}`).toBeLessThan(500);
      }
    }
  });

  test("no emailed link, old or new, is a way around the second factor", async ({ request, playwright }) => {
    const { email } = await twoFactorUser(playwright);
    const older = await requestLink(request, email);
    const newer = await requestLink(request, email);
    expect((await confirm(request, older, origin)).headers().location).toContain("error=INVALID_TOKEN");
    expect((await confirm(request, newer, origin)).headers().location).toContain("/sign-in/two-factor");
    await expectNoSession(request);
  });
});
