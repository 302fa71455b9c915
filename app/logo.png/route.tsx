import { ImageResponse } from "next/og";
import { BRAND } from "@/lib/common/brand";

/**
 * The logo as a PNG, drawn from the brand's SVG (lib/common/brand.ts) when the app is built: the favicon, and the
 * image at the top of every email (mail clients drop SVG images). Emails show it at 48 px; 96 keeps it sharp.
 */
const SIZE = 96;

export const dynamic = "force-static";

export function GET() {
  const source = `data:image/svg+xml;base64,${Buffer.from(BRAND.logo).toString("base64")}`;
  return new ImageResponse(
    (
      <div style={{ display: "flex", width: "100%", height: "100%" }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- drawn by ImageResponse, not a page */}
        <img src={source} width={SIZE} height={SIZE} alt="" />
      </div>
    ),
    { width: SIZE, height: SIZE },
  );
}
