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
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noApp] }] },
  },
  {
    // After the components rule: a rule's options are replaced, not merged, so client components get both lists.
    files: ["**/*-client.tsx", "app/error.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...serverOnly.patterns, noApp] }] },
  },
  {
    // Layers: the domain (lib) and the database (db) never depend on pages or components.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "db/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [noApp, { group: ["@/components/*"], message: "lib/ and db/ do not import from components/.", allowTypeImports: true }],
        },
      ],
    },
  },
];

export default config;
