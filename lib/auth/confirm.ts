import "server-only";
import { ENDPOINTS, PAGES } from "@/lib/common/paths";
import { isSafeRedirect } from "@/lib/common/redirects";
import { getEnv } from "@/lib/platform/env";
import { LINK_FIELDS, magicLinkStatus } from "@/lib/sign-in/links";
import { bufferBody, handlers, withClearAnswers } from "./handler";

/**
 * The confirmation pages' buttons: emailed links open pages that use nothing (mail scanners open every link);
 * their button POSTs here, which uses the link through the API's own GET endpoint.
 */

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
    const buffered = await bufferBody(request);
    if ("refusal" in buffered) return buffered.refusal;
    const form = await buffered.request.formData().catch(() => null);
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
    const headers = new Headers(buffered.request.headers);
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
  apiPath: `/api/auth${ENDPOINTS.verifyLink}`,
  fields: LINK_FIELDS,
  crossSiteMessage: "Open the sign-in link from your email to continue.",
  missingTokenUrl: `${PAGES.signIn}?error=INVALID_TOKEN`,
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
  apiPath: `/api/auth${ENDPOINTS.verifyEmail}`,
  fields: ["token", "callbackURL"],
  crossSiteMessage: "Open the link from your email to continue.",
  missingTokenUrl: "/account?error=INVALID_TOKEN",
});
