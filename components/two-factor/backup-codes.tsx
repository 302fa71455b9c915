"use client";

import { useState } from "react";
import { linkClass } from "@/components/ui/styles";

/** The backup codes, once: copy them, or download them as a text file. */
export function BackupCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  const text = codes.join("\n");
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Save these backup codes somewhere safe. If you lose your phone, each one signs you in once. They won&apos;t be
        shown again.
      </p>
      <ul data-testid="backup-codes" className="grid grid-cols-2 gap-2 rounded-md bg-zinc-100 p-3 font-mono text-sm dark:bg-zinc-800">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-4 text-sm">
        <button
          type="button"
          className={linkClass}
          onClick={async () => {
            await navigator.clipboard.writeText(text).catch(() => {});
            setCopied(true);
          }}
        >
          Copy codes
        </button>
        <a
          className={linkClass}
          download="backup-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(`${text}\n`)}`}
        >
          Download .txt
        </a>
        <span role="status">{copied ? "Copied." : ""}</span>
      </div>
    </div>
  );
}
