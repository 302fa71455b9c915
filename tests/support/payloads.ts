/**
 * Hostile inputs shared by the in-process tests (tests/) and the browser and HTTP tests (e2e/), written once.
 */

/**
 * Addresses every form that takes one must refuse as not an address: header injection, look-alike @ signs, lists,
 * quotes. (An overlong one is refused naming the limit: tests/input/limits.test.ts.)
 */
export const UNSAFE_ADDRESSES = [
  "victim@example.com\r\nBcc: attacker@evil.com",
  "victim@example.com\nBcc: attacker@evil.com",
  '"victim"@example.com',
  "'victim'@example.com",
  "victim@example.com@evil.com",
  "victim＠example.com",
  "victim﹫example.com",
  "victim@example.com,attacker@evil.com",
  "victim@example.com;attacker@evil.com",
  "victim@example.com attacker@evil.com",
  "Victim <victim@example.com>",
  "",
  "no-at-sign",
];
