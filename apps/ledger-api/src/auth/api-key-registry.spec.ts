import { ApiKeyRegistry } from './api-key-registry';
import { roleGrants } from './api-role';

describe('ApiKeyRegistry', () => {
  const registry = new ApiKeyRegistry([
    { name: 'crm', role: 'service', key: 'crm-key-0123456789' },
    { name: 'audit', role: 'auditor', key: 'audit-key-0123456789' },
  ]);

  it('finds the principal of a configured key, actor `<name>:<role>`', () => {
    expect(registry.find('crm-key-0123456789')).toEqual({
      name: 'crm',
      role: 'service',
      actor: 'crm:service',
    });
    expect(registry.find('audit-key-0123456789')?.actor).toBe('audit:auditor');
  });

  it('knows no prefix, suffix or other key', () => {
    for (const key of ['crm-key-012345678', 'crm-key-01234567890', '', 'CRM-KEY-0123456789']) {
      expect(registry.find(key)).toBeUndefined();
    }
  });

  it('is open only without keys', () => {
    expect(registry.open).toBe(false);
    expect(new ApiKeyRegistry([]).open).toBe(true);
  });
});

describe('roleGrants (SPEC.md "Who uses it")', () => {
  it.each([
    ['service', 'service', true],
    ['service', 'analyst', false],
    ['analyst', 'analyst', true],
    ['analyst', 'service', false],
    ['analyst', 'auditor', false],
    ['auditor', 'analyst', true],
    ['auditor', 'auditor', true],
    ['auditor', 'service', false],
    ['admin', 'service', true],
    ['admin', 'analyst', true],
    ['admin', 'auditor', true],
    ['admin', 'admin', true],
    ['service', 'admin', false],
  ] as const)('%s on a %s route: %s', (held, required, allowed) => {
    expect(roleGrants(held, [required])).toBe(allowed);
  });

  it.each([
    ['analyst', true],
    ['service', true],
    ['admin', true],
    ['auditor', false],
  ] as const)('%s on a command open to service and analyst (improvements): %s', (held, allowed) => {
    expect(roleGrants(held, ['service', 'analyst'], true)).toBe(allowed);
  });
});
