import "server-only";

/**
 * A request's body read with a ceiling. Content-Length is only a claim: a chunked body has none, and
 * request.json() or formData() read whatever arrives, so a 20 MB body would sit in memory whole before any size
 * check. This counts the bytes as they arrive and cancels the stream once they pass the limit: no more than the
 * limit plus one chunk is ever held.
 */
export type BodyRead =
  /** The whole body; null when the request has none. */
  | { status: "complete"; bytes: Uint8Array<ArrayBuffer> | null }
  /** Over the limit, by its Content-Length or by the bytes that arrived. */
  | { status: "too-large" }
  /** The stream failed before its end: the client went away mid-body. */
  | { status: "broken" };

export async function readBodyWithin(request: Request, maxBytes: number): Promise<BodyRead> {
  // A body that announces its size is refused before a byte of it is read.
  if (Number(request.headers.get("content-length")) > maxBytes) return { status: "too-large" };
  if (!request.body) return { status: "complete", bytes: null };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        // Not awaited: the answer need not wait for the client's side of the stream to wind down.
        reader.cancel().catch(() => {});
        return { status: "too-large" };
      }
      chunks.push(chunk.value);
    }
  } catch {
    return { status: "broken" };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { status: "complete", bytes };
}
