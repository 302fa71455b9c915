import { expect, test } from "./fixtures";

/**
 * The headers every answer carries, whatever the feature: a nonce-based Content-Security-Policy on pages (and a
 * script-free one on the API), no framing, no sniffing, HSTS; and pages that run within their policy.
 */

test.describe("headers on every page", () => {
  for (const path of ["/", "/sign-in", "/sign-in/password", "/sign-up", "/sign-in/confirm", "/dashboard", "/dev/mailbox"]) {
    test(`${path}`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      const csp = headers["content-security-policy"];
      const scriptSrc = csp.split(";").find((directive) => directive.trim().startsWith("script-src"))!;
      expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(scriptSrc).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe(path === "/sign-in/confirm" ? "no-referrer" : "strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"]).toContain("max-age=");
      if (response.status() === 200) {
        const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
        const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      }
    });
  }

  test("API answers: nosniff, no framing, no referrer leak, HSTS, and no nonce (they run no script)", async ({ request }) => {
    for (const response of [
      await request.get("/api/auth/get-session"),
      await request.post("/api/auth/magic-link/confirm", { form: {}, headers: { "sec-fetch-site": "same-origin" }, maxRedirects: 0 }),
    ]) {
      const headers = response.headers();
      expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"]).toContain("max-age=");
    }
  });

  test("pages run in the browser without breaking their policy", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
    });
    for (const path of ["/", "/sign-in", "/sign-in/password", "/sign-up", "/dev/mailbox"]) {
      await page.goto(path);
      await expect(page.locator("h1")).toBeVisible();
    }
    expect(violations).toEqual([]);
  });
});
