import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { baseURL, TEST_PORTS } from "./e2e/config";

// Debian's Chromium where it is installed (CI, machines without Playwright's download); otherwise the
// browser from `npx playwright install chromium`.
const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Waits, not performance limits: eight servers, the browsers and a 1000-request flood share two cores here. The
  // longest flows (an organization's lifecycle, the admin console's) take 10-15 s on an idle machine and three times
  // that while the host is busy; the default 30 s would fail them for the machine's sake, not theirs.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Workers mostly wait on the servers (and on timeouts the tests provoke), so more of them than cores keeps the
  // cores busy. Playwright's default, half the cores, would be one worker here.
  workers: 3,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: baseURL(),
    // A failed test keeps its trace (each step's page, network and console); the film strip of screenshots is left
    // out: recording it costs about a quarter of the browser tests' time.
    trace: { mode: "retain-on-failure", screenshots: false },
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "tsx e2e/serve.ts",
    url: `${baseURL(TEST_PORTS.main)}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
  },
});
