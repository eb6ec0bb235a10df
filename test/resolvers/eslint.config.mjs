// ESLint for the APPSYNC_JS resolvers shipped in src/cdk_platform_patterns/graphql/resolvers,
// run by test/resolvers/test_graphql_resolvers_js.py with --config.
// Only the recommended rule set of the AppSync plugin catches recursion and methods the
// runtime lacks; it needs the TypeScript parser.
import appsync from "@aws-appsync/eslint-plugin";
import tsParser from "@typescript-eslint/parser";

export default [
  {
    files: ["**/*.js"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
  },
  appsync.configs.recommended,
];
