import { expect, randomClientIp, test } from "./fixtures";
import { latestLink, mailboxFor, uniqueEmail } from "./helpers";

test.describe("password sign-up and sign-in (the fallback)", () => {
  test("sign-up asks to confirm the address by email; then sign-in accepts the password and refuses a wrong one", async ({
    request,
    playwright,
  }) => {
    const email = uniqueEmail("password");
    const password = "correct horse battery";
    const signUp = await request.post("/api/auth/sign-up/email", {
      data: { email, password, name: "Sam" },
    });
    expect(signUp.status()).toBe(200);
    expect(((await signUp.json()) as { user: { email: string } }).user.email).toBe(email);
    // No session until the address is confirmed.
    expect(signUp.headers()["set-cookie"]).toBeUndefined();
    const unconfirmed = await request.post("/api/auth/sign-in/email", { data: { email, password } });
    expect(unconfirmed.status()).toBe(403);
    expect(((await unconfirmed.json()) as { code: string }).code).toBe("EMAIL_NOT_VERIFIED");

    const confirm = await latestLink(request, email, undefined, "/api/auth/verify-email");
    const confirmed = await request.get(confirm.toString(), { maxRedirects: 0 });
    expect(confirmed.status()).toBe(302);
    expect(confirmed.headers().location).toContain("/sign-in/password?verified=1");

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

  test("sign-up with a taken address answers as for a new one, and emails the owner instead", async ({ request }) => {
    const taken = uniqueEmail("taken");
    const fresh = uniqueEmail("fresh");
    const signUp = (email: string) =>
      request.post("/api/auth/sign-up/email", { data: { email, password: "correct horse battery", name: "Alex" } });
    expect((await signUp(taken)).status()).toBe(200);
    await latestLink(request, taken, undefined, "/api/auth/verify-email");

    const [again, first] = await Promise.all([signUp(taken), signUp(fresh)]);
    expect(again.status()).toBe(first.status());
    const shape = (body: { token: unknown; user: Record<string, unknown> }) => ({
      token: body.token,
      user: Object.keys(body.user).sort(),
      emailVerified: body.user.emailVerified,
    });
    expect(shape(await again.json())).toEqual(shape(await first.json()));
    expect(Object.keys(again.headers()).sort()).toEqual(Object.keys(first.headers()).sort());

    await expect.poll(async () => (await mailboxFor(request, taken))[0]?.text ?? "").toContain(
      "it already has one",
    );
    expect((await mailboxFor(request, taken))[0].subject).toBe((await mailboxFor(request, fresh))[0].subject);
  });
});
