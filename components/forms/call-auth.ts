"use client";

import { fieldOf, messageFor, REQUEST_MESSAGES, type FormFieldName } from "@/lib/common/messages";

/** What a failed auth request means for the person at the form. */
export interface RequestFailure {
  message: string;
  /** The server's error code, for forms that answer one with a whole screen (an unusable reset link). */
  code?: string;
  /** The field the problem is about, to show the message beside it. */
  field?: FormFieldName;
  /** Seconds until a rate-limited request may be sent again. */
  retryAfter?: number;
  /** The request never reached the server: offer to try again. */
  network?: boolean;
}

type AuthClient = typeof import("@/lib/auth/client").authClient;

/** One authClient call, handed the client and the fetch options that read a 429's Retry-After. */
export type AuthCall<T> = (
  client: AuthClient,
  fetchOptions: { onError: (context: { response: Response }) => void },
) => Promise<{
  data: T | null;
  error: { code?: string; message?: string; status?: number } | null;
}>;

/**
 * Runs one authClient call and turns any failure into a RequestFailure. The client is loaded on first use,
 * not with the page: it is not needed to show a form, and it is a sizeable part of the page's JavaScript.
 */
export async function callAuth<T>(call: AuthCall<T>): Promise<{ data: T } | { failure: RequestFailure }> {
  let retryAfter: number | undefined;
  try {
    const { authClient } = await import("@/lib/auth/client");
    const { data, error } = await call(authClient, {
      onError: ({ response }) => {
        const seconds = Number(response.headers.get("Retry-After"));
        if (seconds > 0) retryAfter = Math.ceil(seconds);
      },
    });
    if (!error) return { data: data as T };
    const code = error.code ?? "";
    if (error.status === 429) {
      const wait = retryAfter ?? 60;
      return { failure: { message: REQUEST_MESSAGES.tryAgainIn(wait, code), code, retryAfter: wait } };
    }
    return {
      failure: {
        message: messageFor[code] ?? error.message ?? REQUEST_MESSAGES.unknown,
        code,
        field: fieldOf[code],
      },
    };
  } catch {
    return {
      failure: { message: REQUEST_MESSAGES.unreachable, network: true },
    };
  }
}
