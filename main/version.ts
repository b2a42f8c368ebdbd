// Kept in step with package.json by test/unit/version.test.ts.
export const appVersion = '0.1.0';
