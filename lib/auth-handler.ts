import "server-only";
import { runWithAdapter } from "@better-auth/core/context";
import type { AuthContext, BetterAuthOptions } from "better-auth";
import { router } from "better-auth/api";
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { isSafeRedirect } from "@/lib/redirects";
import { describeError, logger, requestIdOf, withRequestId } from "@/lib/log";
import { LINK_FIELDS, magicLinkStatus } from "@/lib/magic-link";

/**
 * better-auth's route handlers, with two answers made explicit:
 * - a rate-limited request (429) carries the standard Retry-After header next to better-auth's X-Retry-After;
 * - an unexpected failure (an unreachable database, say: better-auth answers 500) becomes a 503 with a generic
 *   message: no stack, SQL or file path reaches the client. The details are in the server log. Deliberate
 *   5xx answers (EMAIL_NOT_SENT) pass through.
 * Every answer carries the request's id (x-request-id), the one its log lines carry.
 */
const handlers = toNextJsHandler(handleAuthRequest);

/**
 * auth.handler builds better-auth's router anew for every request: every endpoint of every plugin wrapped again,
 * and the route table (better-auth#10188). In-process, get-session without a cookie took 2.1 ms through
 * auth.handler and 0.8 ms through a router built once. It rebuilds because it may derive the base URL and the
 * trusted origins from each request. With BETTER_AUTH_URL set and trusted origins that are a fixed list (no
 * plugin adding any), both are the same for every request and are what the auth context already holds: the
 * router is built once, from that context, as auth.api calls use it. Otherwise (development without
 * BETTER_AUTH_URL: the base URL comes from each request) auth.handler runs.
 */
type Handler = (request: Request) => Promise<Response>;
let routerHandler: Promise<Handler> | undefined;

function handleAuthRequest(request: Request) {
  routerHandler ??= auth.$context.then((context): Handler => {
    // A list the plugins left as configured (not a function of the request, nothing added).
    const unchanged = (read: (options: BetterAuthOptions) => unknown) => {
      const [current, configured] = [read(context.options), read(auth.options)];
      return (current === undefined || Array.isArray(current)) && JSON.stringify(current ?? []) === JSON.stringify(configured ?? []);
    };
    const sameForEveryRequest =
      typeof context.options.baseURL === "string" &&
      unchanged((options) => options.trustedOrigins) &&
      unchanged((options) => options.account?.accountLinking?.trustedProviders);
    if (!sameForEveryRequest) return auth.handler;
    // The context typed by this app's options is the context better-auth's router is written for.
    const { handler } = router(context as unknown as AuthContext, auth.options);
    return async (request) => await runWithAdapter(context.adapter, () => handler(request));
  });
  return routerHandler.then((handle) => handle(request));
}

/** Auth requests are a few short fields: anything larger is refused before it is read. */
const MAX_BODY_BYTES = 16 * 1024;

async function withClearAnswers(handler: (request: Request) => Promise<Response>, request: Request) {
  const requestId = requestIdOf(request.headers);
  const response = await withRequestId(requestId, () => clearAnswer(handler, request));
  // Redirects from Response.redirect have immutable headers.
  const answer = new Response(response.body, response);
  answer.headers.set("x-request-id", requestId);
  return answer;
}

async function clearAnswer(handler: (request: Request) => Promise<Response>, request: Request) {
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES) {
    return Response.json(
      { code: "REQUEST_TOO_LARGE", message: `The request is too large (at most ${MAX_BODY_BYTES / 1024} KB).` },
      { status: 413 },
    );
  }
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    logger.error(`Auth request failed: ${describeError(error)}`);
    return serviceUnavailable();
  }
  if (response.status === 429) {
    const retryAfter = response.headers.get("X-Retry-After");
    if (retryAfter && !response.headers.has("Retry-After")) {
      const headers = new Headers(response.headers);
      headers.set("Retry-After", retryAfter);
      return new Response(response.body, { status: 429, statusText: response.statusText, headers });
    }
  }
  if (response.status === 500) return serviceUnavailable();
  if (response.status === 400) return clearValidationError(response);
  return response;
}

/**
 * better-auth's request validator answers a missing or mistyped field with its schema's text
 * ("[query.token] Invalid input: expected string, received undefined"). Same status and code, our words.
 */
async function clearValidationError(response: Response) {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: string; message?: string } | null;
  if (body?.code !== "VALIDATION_ERROR") return response;
  const fields = [...new Set([...(body.message ?? "").matchAll(/\[(?:body|query)\.([A-Za-z]+)/g)].map((match) => match[1]))];
  const message = fields.length
    ? `Missing or invalid ${fields.length === 1 ? "field" : "fields"}: ${fields.join(", ")}.`
    : "The request is malformed.";
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return Response.json({ code: "VALIDATION_ERROR", message }, { status: 400, headers });
}

function serviceUnavailable() {
  return Response.json(
    { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable. Try again in a moment." },
    { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
  );
}

export const GET = (request: Request) => withClearAnswers(handlers.GET, request);
export const POST = (request: Request) => withClearAnswers(handlers.POST, request);

/** A POST from one of this app's own pages: browsers say so in Sec-Fetch-Site, older ones in Origin. */
function isFromThisSite(request: Request) {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const appOrigin = new URL(getEnv().BETTER_AUTH_URL ?? request.url).origin;
  return request.headers.get("origin") === appOrigin;
}

/**
 * A POST that uses an emailed link exactly as the API's GET does (same checks, same single use, same redirects
 * and errors), but only when it comes from one of this app's pages, which mail scanners and cross-site forms
 * cannot send. Emailed links lead to confirmation pages whose button sends this POST.
 */
function confirmEmailedLink({ apiPath, fields, crossSiteMessage, missingTokenUrl, answerBeforeUse }: {
  apiPath: string;
  fields: readonly string[];
  crossSiteMessage: string;
  missingTokenUrl: string;
  /** An answer of ours for a link known to be unusable, before the API is asked to use it. */
  answerBeforeUse?: (query: URLSearchParams, request: Request) => Promise<Response | null>;
}) {
  return async (request: Request) => {
    if (!isFromThisSite(request)) {
      return Response.json({ code: "CROSS_SITE_REQUEST", message: crossSiteMessage }, { status: 403 });
    }
    const form = await request.formData().catch(() => null);
    const query = new URLSearchParams();
    for (const field of fields) {
      const value = form?.get(field);
      if (typeof value === "string" && value) query.set(field, value);
    }
    if (!query.has("token")) return Response.redirect(new URL(missingTokenUrl, request.url), 303);
    // Without a callbackURL the API answers JSON; a browser always goes somewhere (a second factor's page, say).
    if (!query.has("callbackURL")) query.set("callbackURL", "/");
    const early = await answerBeforeUse?.(query, request);
    if (early) return early;
    const headers = new Headers(request.headers);
    headers.delete("content-type");
    headers.delete("content-length");
    const use = new Request(new URL(`${apiPath}?${query}`, request.url), { headers });
    const response = await withClearAnswers(handlers.GET, use);
    // 303: the browser follows with a GET, never re-posting the form.
    return response.status === 302 ? new Response(null, { status: 303, headers: response.headers }) : response;
  };
}

/** POST /api/auth/magic-link/confirm: the Continue button of the sign-in confirmation page. */
export const confirmMagicLink = confirmEmailedLink({
  apiPath: "/api/auth/magic-link/verify",
  fields: LINK_FIELDS,
  crossSiteMessage: "Open the sign-in link from your email to continue.",
  missingTokenUrl: "/sign-in?error=INVALID_TOKEN",
  // The protocol answers an expired link as any other unusable one (INVALID_TOKEN); people on our pages are
  // told it expired when that is known. The destination is checked as verify would check it.
  answerBeforeUse: async (query, request) => {
    if ((await magicLinkStatus(query.get("token")!)).state !== "expired") return null;
    const destination = query.get("errorCallbackURL") ?? query.get("callbackURL") ?? "/";
    if (!isSafeRedirect(destination)) return null;
    const url = new URL(destination, request.url);
    url.searchParams.set("error", "EXPIRED_TOKEN");
    return Response.redirect(url, 303);
  },
});

/** POST /api/auth/verify-email/confirm: the button of the email-change confirmation page. */
export const confirmEmailChange = confirmEmailedLink({
  apiPath: "/api/auth/verify-email",
  fields: ["token", "callbackURL"],
  crossSiteMessage: "Open the link from your email to continue.",
  missingTokenUrl: "/account?error=INVALID_TOKEN",
});
