import { describe, expect, test } from "vitest";
import { INPUT_LIMITS } from "@/lib/common/limits";
import { json, startAuthServer, uniqueEmail, type Device } from "../support/auth-server";

/**
 * Every text field the auth API takes has a maximum (lib/common/limits.ts), enforced before any endpoint runs:
 * at the limit a request goes through; one character over answers 400 with <FIELD>_TOO_LONG and a message that
 * names the limit.
 */

const app = await startAuthServer();

/** A string of exactly `length` characters. */
const ofLength = (length: number, fill = "a") => fill.repeat(length);
/** A path on this site of exactly `length` characters. */
const pathOfLength = (length: number) => `/${ofLength(length - 1)}`;
/** A deliverable address of exactly `length` characters. */
const addressOfLength = (length: number) => {
  const domain = `@${crypto.randomUUID().slice(0, 8)}.example.com`;
  return `${ofLength(length - domain.length, "b")}${domain}`;
};

/** A reset token, as the emailed reset link carries it (/api/auth/reset-password/<token>). */
async function resetToken() {
  const { email } = await app.passwordAccount();
  await app.device().post("/request-password-reset", { email, redirectTo: "/reset-password" });
  return (await app.latestLink(email, "/api/auth/reset-password")).pathname.split("/").at(-1)!;
}

/** A browser signed in with a password moments ago (fresh enough for sensitive changes). */
const signedInWithPassword = async () => (await app.passwordAccount()).browser;

interface FieldCase {
  field: string;
  limit: number;
  code: string;
  message: string;
  /** Sends the field with `value`; may use a device prepared by `setUp`. */
  send: (value: string, device: Device) => Promise<Response>;
  setUp?: () => Promise<Device>;
  valueOfLength: (length: number) => string;
  /** What the endpoint answers at the limit: the length check let the request through. */
  atLimit: { status: number; code?: string };
}

let token = "";

const cases: FieldCase[] = [
  {
    field: "name",
    limit: INPUT_LIMITS.name,
    code: "NAME_TOO_LONG",
    message: "Names can be at most 100 characters.",
    send: (name, device) => device.post("/sign-up/email", { email: uniqueEmail("name"), password: "correct horse battery", name }),
    valueOfLength: (length) => ofLength(length, "n"),
    atLimit: { status: 200 },
  },
  {
    field: "password",
    limit: INPUT_LIMITS.password.max,
    code: "PASSWORD_TOO_LONG",
    message: "Passwords can be at most 128 characters.",
    send: (password, device) => device.post("/sign-up/email", { email: uniqueEmail("password"), password, name: "Pat" }),
    valueOfLength: (length) => ofLength(length, "p"),
    atLimit: { status: 200 },
  },
  {
    field: "newPassword",
    limit: INPUT_LIMITS.password.max,
    code: "NEW_PASSWORD_TOO_LONG",
    message: "Passwords can be at most 128 characters.",
    // Refused before the endpoint runs, the overlong try leaves the token for the one at the limit.
    send: (newPassword, device) => device.post("/reset-password", { token, newPassword }),
    setUp: async () => {
      token = await resetToken();
      return app.device();
    },
    valueOfLength: (length) => ofLength(length, "p"),
    atLimit: { status: 200 },
  },
  {
    field: "currentPassword",
    limit: INPUT_LIMITS.password.max,
    code: "CURRENT_PASSWORD_TOO_LONG",
    message: "Passwords can be at most 128 characters.",
    send: (currentPassword, device) => device.post("/change-password", { currentPassword, newPassword: "a new correct horse" }),
    setUp: signedInWithPassword,
    valueOfLength: (length) => ofLength(length, "p"),
    atLimit: { status: 400, code: "INVALID_PASSWORD" },
  },
  {
    field: "email",
    limit: INPUT_LIMITS.email,
    code: "EMAIL_TOO_LONG",
    message: "Email addresses can be at most 254 characters.",
    send: (email, device) => device.post("/sign-in/magic-link", { email }),
    valueOfLength: addressOfLength,
    atLimit: { status: 200 },
  },
  {
    field: "newEmail",
    limit: INPUT_LIMITS.email,
    code: "NEW_EMAIL_TOO_LONG",
    message: "Email addresses can be at most 254 characters.",
    send: (newEmail, device) => device.post("/change-email", { newEmail }),
    setUp: () => app.signedIn(),
    valueOfLength: addressOfLength,
    atLimit: { status: 200 },
  },
  {
    field: "token",
    limit: INPUT_LIMITS.token,
    code: "TOKEN_TOO_LONG",
    message: "Tokens can be at most 1024 characters.",
    send: (token, device) => device.get(`/magic-link/verify?${new URLSearchParams({ token, callbackURL: "/dashboard" })}`),
    valueOfLength: (length) => ofLength(length, "t"),
    // An unknown token: the link is refused as unusable, not as too long.
    atLimit: { status: 302 },
  },
  ...(
    [
      ["callbackURL", "CALLBACK_URL_TOO_LONG"],
      ["newUserCallbackURL", "NEW_USER_CALLBACK_URL_TOO_LONG"],
      ["errorCallbackURL", "ERROR_CALLBACK_URL_TOO_LONG"],
    ] as const
  ).map(
    ([field, code]): FieldCase => ({
      field,
      limit: INPUT_LIMITS.url,
      code,
      message: `${field} can be at most 2048 characters.`,
      send: (value, device) => device.post("/sign-in/magic-link", { email: uniqueEmail("url"), [field]: value }),
      valueOfLength: pathOfLength,
      atLimit: { status: 200 },
    }),
  ),
  {
    field: "redirectTo",
    limit: INPUT_LIMITS.url,
    code: "REDIRECT_TO_TOO_LONG",
    message: "redirectTo can be at most 2048 characters.",
    send: (redirectTo, device) => device.post("/request-password-reset", { email: uniqueEmail("reset"), redirectTo }),
    valueOfLength: pathOfLength,
    atLimit: { status: 200 },
  },
];

describe("every field at its limit goes through; one character over is refused, naming the limit", () => {
  for (const { field, limit, code, message, send, setUp, valueOfLength, atLimit } of cases) {
    test(`${field}: ${limit} characters pass, ${limit + 1} answer 400 ${code}`, async () => {
      const device = setUp ? await setUp() : app.device();
      const over = await send(valueOfLength(limit + 1), device);
      expect(over.status).toBe(400);
      expect(await json(over)).toEqual({ code, message });
      const at = await send(valueOfLength(limit), device);
      expect(at.status).toBe(atLimit.status);
      if (atLimit.code) expect((await json(at)).code).toBe(atLimit.code);
    });
  }
});

describe("the limits hold on every endpoint that takes the field", () => {
  test("an overlong name stores no account", async () => {
    const email = uniqueEmail("long-name");
    const response = await app.device().post("/sign-up/email", { email, password: "correct horse battery", name: ofLength(101) });
    expect(response.status).toBe(400);
    expect(await app.userByEmail(email)).toBeNull();
  });

  test("password sign-in and a reset with an overlong token are refused the same way", async () => {
    const signIn = await app.device().post("/sign-in/email", { email: uniqueEmail("long-password"), password: ofLength(129) });
    expect(await json(signIn)).toEqual({ code: "PASSWORD_TOO_LONG", message: "Passwords can be at most 128 characters." });
    const reset = await app.device().post("/reset-password", { token: ofLength(1025), newPassword: "correct horse battery" });
    expect(await json(reset)).toEqual({ code: "TOKEN_TOO_LONG", message: "Tokens can be at most 1024 characters." });
  });

  test(`an address of ${INPUT_LIMITS.email} characters gets its link; a longer one is refused naming the limit, wherever it is sent`, async () => {
    const atLimit = addressOfLength(INPUT_LIMITS.email);
    expect((await app.device().post("/sign-in/magic-link", { email: atLimit })).status).toBe(200);
    expect(await app.mailbox(atLimit)).toHaveLength(1);
    const over = addressOfLength(INPUT_LIMITS.email + 1);
    const refusal = { code: "EMAIL_TOO_LONG", message: "Email addresses can be at most 254 characters." };
    for (const [path, body] of [
      ["/sign-in/magic-link", {}],
      ["/email-otp/send-verification-otp", { type: "sign-in" }],
      ["/sign-in/email-otp", { otp: "123456" }],
      ["/sign-in/email", { password: "correct horse battery" }],
      ["/sign-up/email", { password: "correct horse battery", name: "Pat" }],
      ["/request-password-reset", {}],
    ] as const) {
      const response = await app.device().post(path, { email: over, ...body });
      expect(response.status, path).toBe(400);
      expect(await json(response), path).toEqual(refusal);
    }
    expect(await app.mailbox(over)).toHaveLength(0);
  });

  test("a body over 16 KB is refused before it is read (413), and stores nothing", async () => {
    const email = uniqueEmail("huge-name");
    const response = await app.device().post("/sign-up/email", { email, password: "correct horse battery", name: ofLength(100_000) });
    expect(response.status).toBe(413);
    expect(await json(response)).toEqual({ code: "REQUEST_TOO_LARGE", message: "The request is too large (at most 16 KB)." });
    expect(await app.userByEmail(email)).toBeNull();
  });
});
