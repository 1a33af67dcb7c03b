import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSignerKey, type NoteSigner, parseSignerKey } from './note-keys';

/** Where a generated checkpoint signing key is kept in the data dir. */
export function signingKeyFile(dataDir: string): string {
  return join(dataDir, 'checkpoint-signing.key');
}

export interface ResolvedSigningKey {
  signer: NoteSigner;
  /** 'configured' (LEDGER_SIGNING_KEY), 'file' (kept in the data dir) or 'generated' (just now). */
  source: 'configured' | 'file' | 'generated';
}

/**
 * The checkpoint signer: the configured key, else the one kept in the data dir, else a new one
 * written there readable by its owner only (0600). Never prints or returns the secret text, and
 * its errors name the file, not its path.
 */
export function resolveSigningKey(options: {
  configuredKey?: string;
  dataDir: string;
  keyName: string;
  /** The CLI reads a key but never creates one. */
  create: boolean;
}): ResolvedSigningKey | undefined {
  if (options.configuredKey !== undefined) {
    return { signer: parseSignerKey(options.configuredKey), source: 'configured' };
  }
  const file = signingKeyFile(options.dataDir);
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) {
      throw new Error(
        'checkpoint-signing.key in the data dir must be readable by its owner only (chmod 600)',
      );
    }
    try {
      return { signer: parseSignerKey(readFileSync(file, 'utf8')), source: 'file' };
    } catch (error) {
      throw new Error(`checkpoint-signing.key in the data dir: ${(error as Error).message}`);
    }
  }
  if (!options.create) return undefined;
  const key = generateSignerKey(options.keyName);
  // 'wx': never overwrite a key another process wrote meanwhile.
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { signer: parseSignerKey(key), source: 'generated' };
}
