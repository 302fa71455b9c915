import { describe, expect, test, vi } from "vitest";
import { canonicalMailbox, maskEmail, normalizeEmail } from "@/lib/common/email-address";
import { describeError, logger, requestIdOf, withRequestId } from "@/lib/platform/log";
import { isSafeRedirect, safeCallbackURL, safeLinkDestinations } from "@/lib/common/redirects";
import { normalizeCode } from "@/lib/common/codes";
import { REQUEST_MESSAGES, TOO_MANY_EMAILS } from "@/lib/common/messages";

describe("email addresses", () => {
  test("are trimmed, NFKC-normalised and lower-cased", () => {
    expect(normalizeEmail("  Jane.Doe@Example.COM ")).toBe("jane.doe@example.com");
    expect(normalizeEmail("ｊａｎｅ@example.com")).toBe("jane@example.com");
  });

  test.each([
    "a@b.com\r\nBcc: c@d.com",
    '"a"@b.com',
    "a@b@c.com",
    "a＠b.com",
    "a@b.com,c@d.com",
    "a@b.com; c@d.com",
    "A <a@b.com>",
    `${"a".repeat(250)}@b.com`,
    "a@localhost",
    "",
    42,
  ])("refuses %j", (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });

  test.each([
    ["jane+news@example.com", "jane@example.com"],
    ["jane+a+b@example.com", "jane@example.com"],
    ["j.a.n.e+x@gmail.com", "jane@gmail.com"],
    ["j.ane@googlemail.com", "jane@gmail.com"],
    ["j.ane@example.com", "j.ane@example.com"],
    ["+tag@example.com", "+tag@example.com"],
    ["...@gmail.com", "...@gmail.com"],
  ])("count %s in the inbox %s", (email, inbox) => {
    expect(canonicalMailbox(email)).toBe(inbox);
  });

  test("are masked for display", () => {
    expect(maskEmail("jane@example.com")).toBe("j•••@example.com");
  });
});

describe("redirect targets", () => {
  const trusted = ["https://app.example.com"];

  test.each(["/dashboard", "/a/b?c=d#e", "https://app.example.com/x"])("accepts %s", (target) => {
    expect(isSafeRedirect(target, trusted)).toBe(true);
  });

  test.each([
    "//evil.com",
    "/\\evil.com",
    "/%5C/evil.com",
    "/%2F/evil.com",
    "%2F%2Fevil.com",
    "https:evil.com",
    "https:app.example.com",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://app.example.com.evil.com",
    "https://evil.com@app.example.com",
    "/%E0%A4%A",
    "",
  ])("refuses %s", (target) => {
    expect(isSafeRedirect(target, trusted)).toBe(false);
  });

  test("from the address bar, anything unsafe falls back to the dashboard", () => {
    expect(safeCallbackURL("//evil.com")).toBe("/dashboard");
    expect(safeCallbackURL(["/settings", "/x"])).toBe("/settings");
    expect(safeCallbackURL("https://app.example.com/x")).toBe("/dashboard");
  });

  test("a link's changed destinations fall back as the sign-in page's do; safe ones stay as they are", () => {
    const token = "abc";
    expect(safeLinkDestinations({ token, callbackURL: "https://evil.com/steal" }, trusted)).toEqual({ token, callbackURL: "/dashboard" });
    expect(
      safeLinkDestinations(
        { token, callbackURL: "/settings", newUserCallbackURL: "//evil.com", errorCallbackURL: "https:evil.com" },
        trusted,
      ),
    ).toEqual({ token, callbackURL: "/settings", errorCallbackURL: "/sign-in?callbackURL=%2Fsettings" });
    const safe = {
      token,
      callbackURL: "https://app.example.com/x",
      newUserCallbackURL: "/welcome",
      errorCallbackURL: "/sign-in?callbackURL=%2Fx",
    };
    expect(safeLinkDestinations(safe, trusted)).toEqual(safe);
    expect(safeLinkDestinations({ token }, trusted)).toEqual({ token });
  });
});

describe("how long to wait, in words", () => {
  test("seconds under a minute, then whole minutes (rounded up), then hours", () => {
    const said = (seconds: number, code?: string) => REQUEST_MESSAGES.tryAgainIn(seconds, code);
    expect(said(45)).toBe("Too many requests, try again in 45 s.");
    expect(said(60)).toBe("Too many requests, try again in 1 minute.");
    expect(said(508, TOO_MANY_EMAILS)).toBe("Too many sign-in emails to this address, try again in 9 minutes.");
    expect(said(59, TOO_MANY_EMAILS)).toBe("Too many sign-in emails to this address, try again in 59 s.");
    expect(said(24 * 60 * 60)).toBe("Too many requests, try again in 24 hours.");
  });
});

describe("the server log", () => {
  test("keeps the name, code and first line, and drops anything token-shaped", () => {
    const error = Object.assign(new Error("Lookup failed for abcdefghijklmnopqrstuvwxyzABCDEFGH\nat query"), {
      code: "P2025",
    });
    expect(describeError(error)).toBe("Error P2025: Lookup failed for [redacted]");
  });

  test("outside production, one readable line per event, redacted, with the request's id", () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((line) => written.push(String(line)) > 0);
    try {
      withRequestId("req-42", () => logger.error("Could not send for abcdefghijklmnopqrstuvwxyzABCDEFGH"));
    } finally {
      write.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d ERROR Could not send for \[redacted\] \{"requestId":"req-42"\}\n$/);
  });

  test("a request id comes from the proxy when it looks like one, else is made here", () => {
    expect(requestIdOf(new Headers({ "x-request-id": "lb-1.2:3_x" }))).toBe("lb-1.2:3_x");
    expect(requestIdOf(new Headers({ "x-vercel-id": "fra1::iad1::abc12-1700000000000-0123456789ab" }))).toBe(
      "fra1::iad1::abc12-1700000000000-0123456789ab",
    );
    for (const headers of [{}, { "x-request-id": "<script>" }, { "x-request-id": "x".repeat(129) }] as Record<string, string>[]) {
      expect(requestIdOf(new Headers(headers))).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe("sign-in codes", () => {
  test.each(["123456", "123 456", "123-456", " 123456 ", "12 34 56"])("%j is the code 123456", (input) => {
    expect(normalizeCode(input)).toBe("123456");
  });

  test.each(["", "12345", "1234567", "12345a", "abcdef", "１２３４５６", "123_456", "123.456", "1".repeat(40), 123456, null])(
    "%j is not a code",
    (input) => {
      expect(normalizeCode(input)).toBeNull();
    },
  );
});
