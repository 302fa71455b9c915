import { describe, expect, test } from "vitest";
import { APP_ORIGIN, json, startAuthServer, uniqueEmail } from "../support/auth-server";

/** Links only (EMAIL_SIGN_IN=link): the email holds a link and no code, and the code endpoints do not exist. */

const app = await startAuthServer({ EMAIL_SIGN_IN: "link" });

describe("links only", () => {
  test("the email holds the link and no code; the code endpoints answer 404 and send nothing", async () => {
    const email = uniqueEmail("link-only");
    const link = await app.requestLink(email);
    expect((await app.latestEmail(email)).text).not.toMatch(/\b\d{6}\b/);
    expect(await app.db.verification.count({ where: { identifier: `sign-in-otp-${email}` } })).toBe(0);
    for (const [path, data] of [
      ["/email-otp/send-verification-otp", { email, type: "sign-in" }],
      ["/sign-in/email-otp", { email, otp: "123456" }],
    ] as const) {
      const response = await app.device().post(path, data);
      expect(response.status, path).toBe(404);
      expect(await json(response), path).toEqual({ code: "NOT_FOUND", message: "This app does not offer that kind of code." });
    }
    expect(await app.mailbox(email)).toHaveLength(1);
    const signedIn = await app.device().openLink(link);
    expect(signedIn.headers.get("location")).toBe(`${APP_ORIGIN}/dashboard`);
  });
});
