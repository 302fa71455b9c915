import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

/** The frame every email shares. Texts are passed as whole strings: React would split "a {b}" with markers. */
export function EmailLayout({ preview, heading, children }: { preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: string }) {
  return <Text style={styles.text}>{children}</Text>;
}

export function Footnote({ children }: { children: string }) {
  return (
    <>
      <Hr style={styles.hr} />
      <Text style={styles.muted}>{children}</Text>
    </>
  );
}

/** A button, and the same URL written out for clients that do not show buttons. */
export function ActionLink({ url, label }: { url: string; label: string }) {
  return (
    <>
      <Section style={styles.buttonRow}>
        <Button href={url} style={styles.button}>
          {label}
        </Button>
      </Section>
      <Text style={styles.muted}>Or copy and paste this link into your browser:</Text>
      <Link href={url} style={styles.link}>
        {url}
      </Link>
    </>
  );
}

/** A one-time code: large, monospace, one word, so a double tap selects all of it. */
export function Code({ code }: { code: string }) {
  return <Text style={styles.code}>{code}</Text>;
}

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
  code: {
    fontFamily: "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
    fontSize: "32px",
    lineHeight: "40px",
    fontWeight: 700,
    letterSpacing: "6px",
    color: "#18181b",
    backgroundColor: "#f4f4f5",
    borderRadius: "6px",
    padding: "12px 16px",
    margin: "16px 0",
    textAlign: "center" as const,
    userSelect: "all" as const,
  },
  muted: { fontSize: "13px", lineHeight: "20px", color: "#71717a" },
  link: { fontSize: "13px", color: "#2563eb", wordBreak: "break-all" as const },
  hr: { borderColor: "#e4e4e7", margin: "24px 0" },
};
