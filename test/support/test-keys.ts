// The test keys alone (no app import), for suites that only talk HTTP to spawned processes.

/** One API key per role, preset in every test app. */
export const TEST_KEYS = {
  service: 'test-service-key-0001',
  analyst: 'test-analyst-key-0001',
  auditor: 'test-auditor-key-0001',
  admin: 'test-admin-key-00001',
} as const;

/** `Authorization` header value for a role's test key. */
export function bearer(role: keyof typeof TEST_KEYS): string {
  return `Bearer ${TEST_KEYS[role]}`;
}

export const TEST_API_KEYS = Object.entries(TEST_KEYS)
  .map(([role, key]) => `test-${role}:${role}:${key}`)
  .join(',');
