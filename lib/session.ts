import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { auth } from "@/lib/auth";

/** This request's session (or null), read once however many server components ask: the header, the page. */
export const getCurrentSession = cache(async () => auth.api.getSession({ headers: await headers() }));
