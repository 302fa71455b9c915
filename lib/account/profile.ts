import "server-only";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { INPUT_LIMITS } from "@/lib/common/limits";

// Letters, marks, digits, punctuation and spaces: no control or formatting characters (bidi overrides).
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** A display name as stored: trimmed, 1 to INPUT_LIMITS.name characters of printable text. */
export function validateName(input: unknown): { name: string } | { error: string } {
  if (typeof input !== "string") return { error: "Enter your name." };
  const name = input.normalize("NFC").trim().replace(/ {2,}/g, " ");
  if (!name) return { error: "Enter your name." };
  if (name.length > INPUT_LIMITS.name) return { error: `Names can be at most ${INPUT_LIMITS.name} characters.` };
  if (NAME_FORBIDDEN.test(name)) return { error: "Names can't contain line breaks or control characters." };
  return { name };
}

/** Before /update-user: only the name changes, and only to a valid one. */
export const guardProfileUpdate = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const unknownField = Object.keys(body).find((field) => field !== "name");
  if (unknownField) {
    throw APIError.from("BAD_REQUEST", { code: "FIELD_NOT_EDITABLE", message: `${unknownField} can't be changed here.` });
  }
  const result = validateName(body.name);
  if ("error" in result) throw APIError.from("BAD_REQUEST", { code: "INVALID_NAME", message: result.error });
  return { context: { body: { name: result.name } } };
});
