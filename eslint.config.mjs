// ESLint (flat config): typescript-eslint's recommended type-checked rules, and Pulumi's own rules
// against Outputs in plain template literals (use pulumi.interpolate). Run by `npm test` (npm run lint).
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "bin/**",
      "examples/*/bin/**",
      "node_modules/**",
      "**/*.d.ts",
      "bench/startupProbe.js",
      "policy/pack.js", // CommonJS shim the pulumi CLI runs as the pack
      "eslint.config.mjs",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: {
        project: ["./tsconfig.json", "./examples/embed/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "max-len": [
        "error",
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
      "max-lines": ["error", { max: 300 }],
      // The index of @pulumi/aws loads every service module (about 240 ms): see components/aws/index.ts.
      // Types too: a declaration naming it makes a consumer's tsc read all 4,000 of its files.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "@pulumi/aws", message: "import aws from components/aws" }] },
      ],
    },
  },
  {
    // Someone else's program, for the policy pack's tests: it imports @pulumi/aws as such programs do.
    files: ["examples/policy/**/*.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    // Tests, the mock runtime and the bench handle recorded inputs of any shape, and tests load
    // index.ts afresh with require, as the pulumi CLI does.
    files: ["tests/**/*.ts", "offline/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-restricted-imports": "off",
    },
  },
);
