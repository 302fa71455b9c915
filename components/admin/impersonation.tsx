import { getCurrentSession } from "@/lib/auth/session";
import { impersonationOf } from "@/lib/admin";
import { ImpersonationBanner } from "./impersonation-banner";

/** The impersonation banner, when this request's session is one an admin opened as someone else. */
export async function Impersonation() {
  // Like the header, the banner must not stop a page from rendering when the session store is down.
  const session = await getCurrentSession().catch(() => null);
  const viewing = session && (await impersonationOf(session.session).catch(() => null));
  if (!session || !viewing) return null;
  return <ImpersonationBanner userId={session.user.id} user={viewing.user || session.user.email} admin={viewing.admin} />;
}
