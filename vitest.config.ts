import { defineConfig } from 'vitest/config';

// Two projects: fast unit/property/socket tests, and real-browser tests that drive
// Debian's Chromium, Firefox ESR and WebKitGTK (slow, run one file at a time so two
// cores are not oversubscribed by three browser engines at once).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browsers/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'browsers',
          include: ['test/browsers/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
