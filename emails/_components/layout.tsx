import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import { BRAND, LOGO_PNG_PATH, textColourOn } from "@/lib/common/brand";

/**
 * What an email shows of the brand (lib/common/brand.ts). Emails cannot read the pages' CSS variables, so the
 * accent comes as a value; the logo needs the app's public address, known only where the email is sent.
 */
export interface EmailBrand {
  name: string;
  /** The button's colour: the brand's light-theme accent (emails have a white background). */
  accent: string;
  supportEmail: string;
  /** The logo's PNG, absolute; without it the email shows the name alone. */
  logoUrl?: string;
}

/** The brand as an email shows it, with the logo served by the app at `appUrl`. */
export function emailBrand(appUrl: string | undefined): EmailBrand {
  return {
    name: BRAND.name,
    accent: BRAND.accent.light,
    supportEmail: BRAND.supportEmail,
    logoUrl: appUrl ? new URL(LOGO_PNG_PATH, appUrl).toString() : undefined,
  };
}

/** The brand of the previews (`npm run email`), as a local server would send it. */
export const PREVIEW_BRAND = emailBrand("http://localhost:3000");

/** The frame every email shares. Texts are passed as whole strings: React would split "a {b}" with markers. */
export function EmailLayout({
  brand,
  preview,
  heading,
  children,
}: {
  brand: EmailBrand;
  preview: string;
  heading: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {brand.logoUrl && <Img src={brand.logoUrl} width={48} height={48} alt={brand.name} style={styles.logo} />}
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Text style={styles.support}>
            {"Questions? Write to "}
            <Link href={`mailto:${brand.supportEmail}`} style={styles.supportLink}>
              {brand.supportEmail}
            </Link>
          </Text>
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

/** A button in the brand's accent, and the same URL written out for clients that do not show buttons. */
export function ActionLink({ accent, url, label }: { accent: string; url: string; label: string }) {
  return (
    <>
      <Section style={styles.buttonRow}>
        <Button href={url} style={{ ...styles.button, backgroundColor: accent, color: textColourOn(accent) }}>
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
  logo: { borderRadius: "8px", margin: "0 0 24px" },
  support: { fontSize: "13px", lineHeight: "20px", color: "#71717a", margin: "16px 0 0" },
  supportLink: { color: "#3f3f46", textDecoration: "underline" },
};
