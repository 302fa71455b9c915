"use client";

import { useRouter } from "next/navigation";
import { useRowActions } from "@/components/forms/use-row-actions";
import { Button } from "@/components/ui/button";

/** Accept (joins, and makes the organization the active one) or decline an invitation to the signed-in address. */
export function AcceptInvitation({ invitationId, organizationName }: { invitationId: string; organizationName: string }) {
  const router = useRouter();
  const rows = useRowActions();
  return (
    <div className="space-y-3">
      {rows.outcome}
      <Button
        type="button"
        disabled={rows.disabled}
        pending={rows.isPending("accept")}
        onClick={async () => {
          const joined = await rows.act(
            "accept",
            (authClient, fetchOptions) => authClient.organization.acceptInvitation({ invitationId, fetchOptions }),
            `You joined ${organizationName}.`,
          );
          if (joined) router.push("/organization");
        }}
      >
        {`Join ${organizationName}`}
      </Button>
      <Button
        type="button"
        variant="secondary"
        disabled={rows.disabled}
        pending={rows.isPending("decline")}
        onClick={() =>
          rows.act(
            "decline",
            (authClient, fetchOptions) => authClient.organization.rejectInvitation({ invitationId, fetchOptions }),
            "You declined the invitation.",
          )
        }
      >
        Decline
      </Button>
    </div>
  );
}
