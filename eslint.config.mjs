import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** What runs in the browser (client components, named *-client.tsx, and Next's error boundary) never reaches the database. */
const serverOnly = {
  patterns: [
    { group: ["@/db", "@/db/*"], message: "Client components never import db/: take vocabularies from @/lib/enums and data as props.", allowTypeImports: true },
    { group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3"], message: "The database driver stays on the server.", allowTypeImports: true },
    { group: ["node:*"], message: "Node modules do not run in the browser.", allowTypeImports: true },
  ],
};

/** Pages and route files are the top layer: nothing below them imports from app/ (server actions live in lib/<domain>/actions.ts). */
const noApp = {
  group: ["@/app", "@/app/*"],
  message: "Only app/ imports from app/: server actions live in lib/<domain>/actions.ts, shared code in lib/ or components/.",
};

/**
 * The write connection without a transaction (db/client.ts) is for code that runs alone on its file: migrations, the seed,
 * tests and scripts. The app writes through transaction() only (docs/decisions/0036).
 */
const noSetupWriter = {
  name: "@/db/client",
  importNames: ["writerForSetup"],
  message: "The app writes through transaction(db, async (tx) => …) only; writerForSetup is for migrations, the seed, tests and scripts.",
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"],
  },
  {
    // Type-aware: a promise nobody awaits loses its error (and, with an async data layer, its write).
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noApp], paths: [noSetupWriter] }] },
  },
  {
    // After the components rule: a rule's options are replaced, not merged, so client components get both lists.
    files: ["**/*-client.tsx", "app/error.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...serverOnly.patterns, noApp] }] },
  },
  {
    // Layers: the domain (lib) and the database (db) never depend on pages or components.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "db/**/*.ts"],
    // Tests and their harness (lib/testing: fixtures, injected faults) set up databases as the seed does.
    ignores: ["**/*.test.ts", "lib/testing/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [noApp, { group: ["@/components/*"], message: "lib/ and db/ do not import from components/.", allowTypeImports: true }],
          paths: [noSetupWriter],
        },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "server.ts"],
    ignores: ["app/error.tsx", "**/*-client.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: [noSetupWriter] }] },
  },
  {
    // Playwright fixtures hand their value to `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Where the door's code runs: lib/checkin/device only in the browser, lib/checkin/shared in both (the verdict rules,
    // the roster's format). Neither may reach the database, Node or a server-only module, not even for a type. Last,
    // so that it replaces the layer rule above for these files (which it repeats). Their tests run in Node.
    files: ["lib/checkin/device/**/*.ts", "lib/checkin/shared/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*"], message: "lib/checkin/device and lib/checkin/shared run in the browser: vocabularies from @/lib/enums." },
            { group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3"], message: "The database driver stays on the server." },
            { group: ["server-only"], message: "lib/checkin/device and lib/checkin/shared run in the browser; server code stays in lib/checkin/*.ts." },
            { group: ["node:*"], message: "Node modules do not run in the browser." },
            { group: ["@/app/*", "@/components/*"], message: "lib/ and db/ do not import from app/ or components/.", allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // One environment module (docs/decisions/0030): variables are declared, validated and read in lib/env.ts
    // (env(), serverEnv(), toolEnv(); childProcessEnv() passes the environment on to a child process).
    // The test harness keeps its own reads: e2e/ (its port and database), playwright.config.ts (CHROMIUM_PATH, CI),
    // vitest.config.mts and lib/testing/ — they configure the tests, not the app.
    files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.mjs"],
    ignores: ["lib/env.ts", "e2e/**", "playwright.config.ts", "vitest.config.mts", "lib/testing/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through @/lib/env (env(), serverEnv(), toolEnv())." },
      ],
    },
  },
];

export default config;
