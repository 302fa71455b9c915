import { expect, randomClientIp, test } from "./fixtures";
import { uniqueEmail } from "./helpers";

test.describe("password sign-up and sign-in (the fallback)", () => {
  test("sign-up creates the account and a session; sign-in accepts the password and refuses a wrong one", async ({
    request,
    playwright,
  }) => {
    const email = uniqueEmail("password");
    const password = "correct horse battery";
    const signUp = await request.post("/api/auth/sign-up/email", { data: { email, password, name: "Sam" } });
    expect(signUp.status()).toBe(200);
    expect(((await signUp.json()) as { user: { email: string } }).user.email).toBe(email);
    expect(signUp.headers()["set-cookie"]).toMatch(/better-auth\.session_token=/);

    const fresh = await playwright.request.newContext({
      baseURL: test.info().project.use.baseURL,
      extraHTTPHeaders: { "x-real-ip": randomClientIp() },
    });
    const wrong = await fresh.post("/api/auth/sign-in/email", { data: { email, password: "wrong password" } });
    expect(wrong.status()).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toBe("Invalid email or password");

    const right = await fresh.post("/api/auth/sign-in/email", { data: { email, password } });
    expect(right.status()).toBe(200);
    const session = await (await fresh.get("/api/auth/get-session")).json();
    expect(session.user.email).toBe(email);
  });

  test("a password shorter than 8 characters is refused with a message", async ({ request }) => {
    const response = await request.post("/api/auth/sign-up/email", {
      data: { email: uniqueEmail("short"), password: "short", name: "Short" },
    });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe("Password too short");
  });
});
