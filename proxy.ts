import { NextResponse, type NextRequest } from "next/server";

/**
 * Security headers for every page, with a fresh nonce per request so the Content-Security-Policy can allow
 * the app's own scripts without 'unsafe-inline' (Next.js reads the nonce from the request's CSP header).
 * API routes answer JSON and redirects, which run no script: they skip this and get fixed headers from
 * next.config.ts instead.
 */
export function proxy(request: NextRequest) {
  const development = process.env.NODE_ENV !== "production";
  const nonce = btoa(crypto.randomUUID());
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and emails in the dev mailbox set style attributes; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  // For the app's own inline script (the theme, app/layout.tsx).
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });

  // Pages whose address holds a sign-in, reset, email-change or delete-account token.
  const linkPage = ["/sign-in/confirm", "/reset-password", "/email-change/confirm", "/account/delete"].includes(
    request.nextUrl.pathname,
  );
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  // A token in the address is never sent on as a referrer, and its page never cached.
  response.headers.set("Referrer-Policy", linkPage ? "no-referrer" : "strict-origin-when-cross-origin");
  if (linkPage) response.headers.set("Cache-Control", "no-store");
  if (!development) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
