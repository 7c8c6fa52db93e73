import { defineConfig } from '@playwright/test';

// Run through scripts/e2e.sh, which prepares an empty database and the environment.
const isCI = Boolean(process.env.CI);
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'var/test/playwright',
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'var/test/reports/playwright.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    // The first-run story must come first: it creates the superadmin every other project logs in as.
    { name: 'setup-wizard', testMatch: /setup-wizard\.spec\.ts/ },
    { name: 'login-superadmin', testMatch: /auth\.setup\.ts/, dependencies: ['setup-wizard'] },
    // Every other spec runs as the superadmin unless it logs in as someone else (see fixtures.ts).
    { name: 'admin', testMatch: /\.spec\.ts$/, testIgnore: /setup-wizard\.spec\.ts/, dependencies: ['login-superadmin'], use: { storageState: 'var/e2e/superadmin.json' } },
  ],
  webServer: {
    command: `npx next start -p ${port}`,
    url: `http://localhost:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
