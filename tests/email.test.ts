import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { render } from "@react-email/components";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import AccountExistsEmail, { accountExistsSubject } from "@/emails/account-exists";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import NoAccountEmail, { noAccountSubject } from "@/emails/no-account";
import ConfirmEmailChangeEmail, { confirmEmailChangeSubject } from "@/emails/confirm-email-change";
import DeleteAccountEmail, { deleteAccountSubject } from "@/emails/delete-account";
import EmailChangedEmail, { emailChangedSubject } from "@/emails/email-changed";
import EmailInUseEmail, { emailInUseSubject } from "@/emails/email-in-use";
import OrganizationInvitationEmail, { organizationInvitationSubject } from "@/emails/organization-invitation";
import PasswordChangedEmail, { passwordChangedSubject } from "@/emails/password-changed";
import ResetPasswordEmail, { resetPasswordSubject } from "@/emails/reset-password";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { emailBrand } from "@/emails/_components/layout";
import { renderEmail } from "@/lib/platform/email/render";
import { EmailDeliveryError, resendTransport } from "@/lib/platform/email/resend";

/** A local stand-in for Resend's HTTP API: records each request, answers like Resend does. */
interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

let server: Server;
let requests: RecordedRequest[] = [];
let nextAnswer: { status: number; body: unknown } = { status: 200, body: { id: "email_123" } };

async function readJson(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    requests.push({
      method: request.method!,
      path: request.url!,
      authorization: request.headers.authorization,
      body: await readJson(request),
    });
    response.writeHead(nextAnswer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(nextAnswer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  delete process.env.RESEND_BASE_URL;
  server.close();
});

beforeEach(() => {
  requests = [];
  nextAnswer = { status: 200, body: { id: "email_123" } };
});

const email = { to: "ada@example.com", subject: "Sign in to Acme", html: "<p>Hi</p>", text: "Hi" };

describe("the Resend transport", () => {
  test("posts to, from, subject, html and text with the API key", async () => {
    await resendTransport({ apiKey: "re_test_key", from: "Acme <login@acme.test>" })(email);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", path: "/emails", authorization: "Bearer re_test_key" });
    expect(requests[0].body).toMatchObject({ from: "Acme <login@acme.test>", ...email });
  });

  test("turns an error answer into an error naming the recipient and Resend's message", async () => {
    nextAnswer = {
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "The `from` domain is not verified." },
    };
    const send = resendTransport({ apiKey: "re_test_key", from: "Acme <login@unverified.test>" });
    const failure = send(email);
    await expect(failure).rejects.toBeInstanceOf(EmailDeliveryError);
    await expect(failure).rejects.toThrow(
      "Resend did not accept the email to ada@example.com: The `from` domain is not verified. (validation_error)",
    );
  });
});

describe("the email templates", () => {
  // A brand of the tests' own: renaming the app (lib/common/brand.ts) leaves these sentences as they are.
  const brand = { ...emailBrand("https://app.example.com"), name: "Acme" };
  const url = "https://app.example.com/sign-in/confirm?token=abc&callbackURL=%2Fdashboard";
  const html = (element: Parameters<typeof render>[0]) => render(element);
  // The plain-text part as the app sends it (lib/email/render.ts).
  const text = async (element: Parameters<typeof render>[0]) => (await renderEmail(element)).text;

  /** Each template, with the link it must carry (if any) and the sentences it must say, in HTML and text. */
  const templates = [
    {
      name: "sign-in link and code",
      element: MagicLinkEmail({ brand, url, code: "381904", expiresInMinutes: 5 }),
      subject: magicLinkSubject("Acme"),
      link: url,
      says: [
        "Sign in to Acme",
        "Open the link on this device, or type the code where you started.",
        "expires in 5 minutes",
        "381904",
        "nobody can sign in without this link or code",
      ],
    },
    {
      name: "sign-in link only",
      element: MagicLinkEmail({ brand, url, expiresInMinutes: 5 }),
      subject: magicLinkSubject("Acme"),
      link: url,
      says: ["Sign in to Acme", "expires in 5 minutes", "If you did not ask for this email, you can safely ignore it"],
    },
    {
      name: "sign-in code only",
      element: MagicLinkEmail({ brand, code: "381904", expiresInMinutes: 5 }),
      subject: magicLinkSubject("Acme"),
      link: null,
      says: ["Type this code where you started to sign in.", "expires in 5 minutes", "381904", "without this code."],
    },
    {
      name: "no account",
      element: NoAccountEmail({ brand }),
      subject: noAccountSubject("Acme"),
      link: null,
      says: ["No Acme account for this address", "new accounts are closed"],
    },
    {
      name: "password reset",
      element: ResetPasswordEmail({ brand, url: "https://app.example.com/api/auth/reset-password/t0k" }),
      subject: resetPasswordSubject("Acme"),
      link: "https://app.example.com/api/auth/reset-password/t0k",
      says: ["Reset your password", "expires in one hour", "your password stays the same"],
    },
    {
      name: "address confirmation",
      element: VerifyEmail({ brand, url: "https://app.example.com/api/auth/verify-email?token=t0k" }),
      subject: verifyEmailSubject("Acme"),
      link: "https://app.example.com/api/auth/verify-email?token=t0k",
      says: ["Confirm your email address", "then sign in with your password"],
    },
    {
      name: "account exists",
      element: AccountExistsEmail({ brand, signInUrl: "https://app.example.com/sign-in" }),
      subject: accountExistsSubject("Acme"),
      link: "https://app.example.com/sign-in",
      says: ["You already have an account", "tried to create an account with Acme", "your account has not changed"],
    },
    {
      name: "email change confirmation",
      element: ConfirmEmailChangeEmail({ brand, url: "https://app.example.com/email-change/confirm?token=t0k" }),
      subject: confirmEmailChangeSubject("Acme"),
      link: "https://app.example.com/email-change/confirm?token=t0k",
      says: ["Confirm your new email address", "nothing changes until the link is used", "works for one hour"],
    },
    {
      name: "email changed notice",
      element: EmailChangedEmail({ brand, maskedNewEmail: "n•••@example.com", helpUrl: "https://app.example.com/" }),
      subject: emailChangedSubject("Acme"),
      link: "https://app.example.com/",
      says: ["Your sign-in email was changed", "changed to n•••@example.com", "no longer signs in"],
    },
    {
      name: "address in use notice",
      element: EmailInUseEmail({ brand }),
      subject: emailInUseSubject("Acme"),
      link: null,
      says: ["This address already has an account", "nothing was changed"],
    },
    {
      name: "delete account confirmation",
      element: DeleteAccountEmail({ brand, url: "https://app.example.com/account/delete?token=t0k" }),
      subject: deleteAccountSubject("Acme"),
      link: "https://app.example.com/account/delete?token=t0k",
      says: ["Delete your account?", "cannot be undone", "your account stays as it is"],
    },
    {
      name: "organization invitation",
      element: OrganizationInvitationEmail({
        brand,
        inviter: "Ada (ada@example.com)",
        organizationName: "Analytical Engines",
        role: "an admin",
        expires: "December 13, 2026 at 6:00 PM UTC",
        url: "https://app.example.com/invitations/inv1",
      }),
      subject: organizationInvitationSubject("Acme", "Ada (ada@example.com)", "Analytical Engines"),
      link: "https://app.example.com/invitations/inv1",
      says: [
        "Join Analytical Engines",
        "invited you to join Analytical Engines on Acme as an admin",
        "works until December 13, 2026 at 6:00 PM UTC",
        "nothing happens unless you accept",
      ],
    },
    ...(["set", "changed", "reset"] as const).map((change) => ({
      name: `password ${change} notice`,
      element: PasswordChangedEmail({ brand, change, resetUrl: "https://app.example.com/forgot-password" }),
      subject: passwordChangedSubject("Acme", change),
      link: "https://app.example.com/forgot-password",
      says: [
        { set: "A password was added", changed: "Your password was changed", reset: "Your password was reset" }[change],
        {
          set: "A password was added to your account. You can now sign in with it as well as with an emailed link.",
          changed: "The password of your account was changed.",
          reset: "was reset with a link sent to this address. Every device was signed out.",
        }[change],
        "someone else may have access to your Acme account",
      ],
    })),
  ];

  for (const template of templates) {
    test(`${template.name}: the link as a button and written out, and its sentences, in HTML and plain text`, async () => {
      const [markup, plain] = await Promise.all([html(template.element), text(template.element)]);
      if (template.link) {
        expect(markup.split(`href="${template.link.replaceAll("&", "&amp;")}"`)).toHaveLength(3);
        expect(plain).toContain(template.link);
      } else {
        // The one link left is the support address at the foot of every email.
        expect(markup.match(/<a\b[^>]*href="(?!mailto:)/g)).toBeNull();
      }
      for (const sentence of template.says) {
        expect(markup).toContain(sentence);
        // The plain-text part writes headings in capitals.
        expect(plain.toLowerCase()).toContain(sentence.toLowerCase());
      }
      expect(plain).not.toMatch(/<[a-z]/i);
      // "a Acme account": the app's name starts with a vowel here, as many do.
      expect(`${template.subject}\n${plain}`).not.toMatch(/\ba [aeiou]/i);
      expect(template.subject).toContain("Acme");
    });
  }

  test("the plain-text part the app sends is React Email's own plain-text render, for every template", async () => {
    for (const template of templates) {
      expect(await text(template.element), template.name).toBe(await render(template.element, { plainText: true }));
    }
  });

  test("a sign-in code is large, monospace and in the email once: never in the subject or the preview line", async () => {
    const code = "381904";
    for (const element of [
      MagicLinkEmail({ brand, url, code, expiresInMinutes: 5 }),
      MagicLinkEmail({ brand, code, expiresInMinutes: 5 }),
    ]) {
      const markup = await html(element);
      expect(markup.split(code)).toHaveLength(2);
      const style = markup.match(new RegExp(`style="([^"]*)"[^>]*>${code}<`))?.[1] ?? "";
      expect(style).toContain("monospace");
      expect(style).toContain("font-size:32px");
      expect((await text(element)).split(code)).toHaveLength(2);
    }
    expect(magicLinkSubject("Acme")).not.toMatch(/\d/);
    const linkOnly = await text(MagicLinkEmail({ brand, url, expiresInMinutes: 5 }));
    expect(linkOnly).not.toMatch(/\b\d{6}\b/);
  });

  test("a password notice says one thing in its subject, heading and body: added, changed or reset", async () => {
    const verbs = { set: "added", changed: "changed", reset: "reset" } as const;
    for (const [change, verb] of Object.entries(verbs) as [keyof typeof verbs, string][]) {
      const element = PasswordChangedEmail({ brand, change, resetUrl: "https://app.example.com/forgot-password" });
      const subject = passwordChangedSubject("Acme", change);
      const [markup, plain] = await Promise.all([html(element), text(element)]);
      expect(subject, change).toMatch(new RegExp(`password was ${verb}\\b`));
      expect(markup.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1], change).toMatch(new RegExp(`password was ${verb}$`));
      for (const other of Object.values(verbs).filter((word) => word !== verb)) {
        expect(`${subject}\n${plain}`, change).not.toMatch(new RegExp(`\\bwas ${other}\\b`, "i"));
      }
    }
    expect(passwordChangedSubject("Acme", "set")).toBe("A password was added to your Acme account");
    expect(passwordChangedSubject("Acme", "changed")).toBe("Your Acme password was changed");
    expect(passwordChangedSubject("Acme", "reset")).toBe("Your Acme password was reset");
  });

  test("the no-account, account-exists and address-in-use emails share their subject with the emails they stand in for", () => {
    expect(noAccountSubject("Acme")).toBe(magicLinkSubject("Acme"));
    expect(accountExistsSubject("Acme")).toBe(verifyEmailSubject("Acme"));
    expect(emailInUseSubject("Acme")).toBe(confirmEmailChangeSubject("Acme"));
  });
});
