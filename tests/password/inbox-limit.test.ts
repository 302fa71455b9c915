import { expect, test } from "vitest";
import { json, startAuthServer, uniqueEmail } from "../support/auth-server";

/**
 * Reset links, sign-up confirmations and "account exists" notices count against one inbox, whoever asks and from
 * however many clients (MAGIC_LINK_ADDRESS_LIMIT per 10 minutes, 3 here): past that the answer is unchanged, so
 * it still tells nothing about the address, and no email is sent.
 */

const app = await startAuthServer();

test("a fourth password email to one inbox in 10 minutes is not sent, and the answer does not change", async () => {
  const email = uniqueEmail("flooded");
  // The sign-up's confirmation is the first.
  expect((await app.device().post("/sign-up/email", { email, password: "correct horse battery", name: "Pat" })).status).toBe(200);
  const answers: { status: number; body: unknown }[] = [];
  // Three resets, each from a client of its own: the third would be the fourth email.
  for (let index = 0; index < 3; index++) {
    const response = await app.device().post("/request-password-reset", { email, redirectTo: "/reset-password" });
    answers.push({ status: response.status, body: await json(response) });
  }
  const subjects = (await app.mailbox(email)).map((message) => message.subject);
  expect(subjects).toHaveLength(3);
  expect(subjects.filter((subject) => /reset/i.test(subject))).toHaveLength(2);
  expect(answers.every((answer) => answer.status === 200 && JSON.stringify(answer.body) === JSON.stringify(answers[0].body))).toBe(true);
  // Another inbox is untouched by this one's count.
  const other = uniqueEmail("other");
  await app.device().post("/sign-up/email", { email: other, password: "correct horse battery", name: "Pat" });
  expect(await app.mailbox(other)).toHaveLength(1);
});
