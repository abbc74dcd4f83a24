// Lint rules, including the import arrows of ARCHITECTURE.md: they point one way.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Playwright fixtures call `use()`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Nothing imports app/.
  { files: ["lib/**", "scripts/**", "e2e/**"], rules: restrict([{ group: ["@/app/*", "**/app/*"], message: "Nothing imports app/." }]) },
  // Components get data and actions as props: no database, data layer or adapters.
  {
    files: ["components/**"],
    rules: restrict([
      { group: ["@/app/*"], message: "Nothing imports app/." },
      { group: ["@/lib/db", "@/lib/db/*", "@/lib/data/*", "@/lib/sync/*", "@/lib/connectors/*", "@/lib/mail", "@/lib/mail/*", "@/lib/auth", "@/lib/crypto", "@/lib/env", "@prisma/*"], message: "components/ gets data and actions as props (ARCHITECTURE.md)." },
    ]),
  },
  // Adapters: only the connector types, the HTTP helper and zod. No Prisma, Next or env.
  {
    files: ["lib/connectors/*/**"],
    rules: restrict([
      { group: ["@/app/*"], message: "Nothing imports app/." },
      { group: ["@/lib/db", "@/lib/db/*", "@/lib/data/*", "@/lib/sync/*", "@/lib/env", "@/lib/auth", "@prisma/*", "next", "next/*", "pg", "pg-boss"], message: "Adapters get config, base URL, fetch and logger passed in (ARCHITECTURE.md)." },
    ]),
  },
  // Only lib/data and lib/sync (and lib/db itself) touch Prisma.
  {
    files: ["app/**", "lib/connectors/*.ts", "lib/c1z/**", "lib/validation/**"],
    rules: restrict([
      { group: ["@/app/*"], message: "Nothing imports app/." },
      { group: ["@prisma/client", "@/lib/db", "@/lib/db/*"], message: "Only lib/data and lib/sync touch the database." },
    ]),
  },
];

export default config;
