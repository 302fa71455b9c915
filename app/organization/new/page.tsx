import type { Metadata } from "next";
import { AccountSection } from "@/components/account/section";
import { CreateOrganizationForm } from "@/components/organizations/create-form";
import { Heading } from "@/components/ui/heading";
import { requireAccountSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  await requireAccountSession("/organization/new");
  return (
    <>
      <Heading>New organization</Heading>
      <AccountSection id="create" title="Name and address">
        <p className="mb-4 text-sm text-zinc-700 dark:text-zinc-300">
          You will be its owner. You can invite people once it exists, and rename it later.
        </p>
        <CreateOrganizationForm />
      </AccountSection>
    </>
  );
}
