import { describe, expect, test } from "vitest";
import { maskEmail, normalizeEmail } from "@/lib/email-address";
import { describeError } from "@/lib/log";
import { isSafeRedirect, safeCallbackURL } from "@/lib/redirects";
import { normalizeCode } from "@/lib/sign-in-code";

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
});

describe("error logging", () => {
  test("keeps the name, code and first line, and drops anything token-shaped", () => {
    const error = Object.assign(new Error("Lookup failed for abcdefghijklmnopqrstuvwxyzABCDEFGH\nat query"), {
      code: "P2025",
    });
    expect(describeError(error)).toBe("Error P2025: Lookup failed for [redacted]");
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
