import { ActionLink, EmailLayout, Footnote, Paragraph } from "./_components/layout";

export interface MagicLinkEmailProps {
  appName: string;
  url: string;
  /** How long the link works, in minutes. */
  expiresInMinutes: number;
}

export function magicLinkSubject(appName: string) {
  return `Sign in to ${appName}`;
}

export default function MagicLinkEmail({ appName, url, expiresInMinutes }: MagicLinkEmailProps) {
  const lifetime = `${expiresInMinutes} minute${expiresInMinutes === 1 ? "" : "s"}`;
  return (
    <EmailLayout preview={`Your sign-in link for ${appName}`} heading={`Sign in to ${appName}`}>
      <Paragraph>{`Click the button below to sign in. The link works once and expires in ${lifetime}.`}</Paragraph>
      <ActionLink url={url} label={`Sign in to ${appName}`} />
      <Footnote>If you did not ask for this email, you can safely ignore it: nobody can sign in without this link.</Footnote>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  appName: "Acme",
  url: "http://localhost:3000/sign-in/confirm?token=preview-token&callbackURL=%2Fdashboard",
  expiresInMinutes: 5,
} satisfies MagicLinkEmailProps;
