import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiKey } from '@app/config';
import { Principal } from './principal';

interface KnownKey {
  digest: Buffer;
  principal: Principal;
}

/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is hashed and compared
 * with every known digest by `timingSafeEqual` (equal lengths, no early exit), so neither the
 * comparison nor the loop tells an attacker how much of a key was right.
 */
export class ApiKeyRegistry {
  private readonly known: KnownKey[];

  constructor(keys: readonly ApiKey[]) {
    this.known = keys.map(({ name, role, key }) => ({
      digest: digest(key),
      principal: { name, role, actor: `${name}:${role}` },
    }));
  }

  /** True when no keys are configured: the API runs open. */
  get open(): boolean {
    return this.known.length === 0;
  }

  find(presented: string): Principal | undefined {
    const candidate = digest(presented);
    let found: Principal | undefined;
    for (const known of this.known) {
      if (timingSafeEqual(candidate, known.digest)) found = known.principal;
    }
    return found;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
