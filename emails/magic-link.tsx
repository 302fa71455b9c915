import { ActionLink, Code, type EmailBrand, EmailLayout, Footnote, Paragraph, PREVIEW_BRAND } from "./_components/layout";

/** The sign-in email: a link, a code, or both (EMAIL_SIGN_IN), for one sign-in attempt. */
export type MagicLinkEmailProps = {
  brand: EmailBrand;
  /** How long the link and the code work, in minutes. */
  expiresInMinutes: number;
} & ({ url: string; code?: string } | { url?: undefined; code: string });

/** The same for every sign-in email: lock screens show subjects, so a code never goes in one. */
export function magicLinkSubject(appName: string) {
  return `Sign in to ${appName}`;
}

export default function MagicLinkEmail({ brand, url, code, expiresInMinutes }: MagicLinkEmailProps) {
  const lifetime = `${expiresInMinutes} minute${expiresInMinutes === 1 ? "" : "s"}`;
  const what = url && code ? "link and code" : url ? "link" : "code";
  const intro =
    url && code
      ? `Open the link on this device, or type the code where you started. Either works once and expires in ${lifetime}; using one cancels the other.`
      : url
        ? `Click the button below to sign in. The link works once and expires in ${lifetime}.`
        : `Type this code where you started to sign in. It works once and expires in ${lifetime}.`;
  return (
    // The preview line shows on lock screens too: it names what the email holds, never the code itself.
    <EmailLayout brand={brand} preview={`Your sign-in ${what} for ${brand.name}`} heading={`Sign in to ${brand.name}`}>
      <Paragraph>{intro}</Paragraph>
      {url && <ActionLink accent={brand.accent} url={url} label={`Sign in to ${brand.name}`} />}
      {url && code && <Paragraph>Or type this code where you started:</Paragraph>}
      {code && <Code code={code} />}
      <Footnote>
        {`If you did not ask for this email, you can safely ignore it: nobody can sign in without this ${what.replace("and", "or")}.`}
      </Footnote>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  url: "http://localhost:3000/sign-in/confirm?token=preview-token&callbackURL=%2Fdashboard",
  code: "381904",
  expiresInMinutes: 5,
} satisfies MagicLinkEmailProps;
