// Next.js calls this once when the server starts. The checks need Node.js (they may stop the process).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnvironmentAtStart } = await import("@/lib/platform/startup");
  checkEnvironmentAtStart();
}
