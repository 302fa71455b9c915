import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

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
    <Html lang="en">
      <Head />
      <Preview>{`Your sign-in link for ${appName}`}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {/* Whole strings, not fragments: React would put comment markers between the pieces. */}
          <Heading as="h1" style={styles.heading}>
            {`Sign in to ${appName}`}
          </Heading>
          <Text style={styles.text}>
            {`Click the button below to sign in. The link works once and expires in ${lifetime}.`}
          </Text>
          <Section style={styles.buttonRow}>
            <Button href={url} style={styles.button}>
              {`Sign in to ${appName}`}
            </Button>
          </Section>
          <Text style={styles.muted}>Or copy and paste this link into your browser:</Text>
          <Link href={url} style={styles.link}>
            {url}
          </Link>
          <Hr style={styles.hr} />
          <Text style={styles.muted}>
            If you did not ask for this email, you can safely ignore it: nobody can sign in without this link.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

MagicLinkEmail.PreviewProps = {
  appName: "Acme",
  url: "http://localhost:3000/api/auth/magic-link/verify?token=preview-token&callbackURL=%2Fdashboard",
  expiresInMinutes: 5,
} satisfies MagicLinkEmailProps;

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" },
  container: { backgroundColor: "#ffffff", margin: "40px auto", padding: "32px", borderRadius: "8px", maxWidth: "480px" },
  heading: { fontSize: "22px", color: "#18181b", margin: "0 0 16px" },
  text: { fontSize: "15px", lineHeight: "24px", color: "#3f3f46" },
  buttonRow: { margin: "24px 0" },
  button: {
    backgroundColor: "#18181b",
    color: "#ffffff",
    borderRadius: "6px",
    padding: "12px 20px",
    fontSize: "15px",
    fontWeight: 600,
    textDecoration: "none",
  },
  muted: { fontSize: "13px", lineHeight: "20px", color: "#71717a" },
  link: { fontSize: "13px", color: "#2563eb", wordBreak: "break-all" as const },
  hr: { borderColor: "#e4e4e7", margin: "24px 0" },
};
