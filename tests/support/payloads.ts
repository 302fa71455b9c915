/**
 * Hostile inputs shared by the in-process tests (tests/) and the browser and HTTP tests (e2e/), written once.
 */

/** Addresses every form that takes one must refuse: header injection, look-alike @ signs, lists, quotes, overlong. */
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
  `${"a".repeat(250)}@example.com`,
  "",
  "no-at-sign",
];
