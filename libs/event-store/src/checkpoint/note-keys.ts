import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';

/**
 * C2SP signed-note keys for Ed25519 (https://c2sp.org/signed-note):
 * - key ID (hash) = the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key);
 * - verifier key  = `<name>+<hash as 8 hex digits>+<base64(0x01 ‖ public key)>`;
 * - signer key    = `PRIVATE+KEY+<name>+<hash>+<base64(0x01 ‖ 32-byte seed)>`.
 * 0x01 is the signature type of Ed25519. The keys are Node's own (node:crypto), no library.
 */
const ED25519 = 0x01;
// DER prefixes that wrap a raw Ed25519 seed (PKCS #8) and public key (SPKI) for node:crypto.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteVerifier {
  name: string;
  /** The 4-byte key ID that prefixes each signature by this key. */
  keyHash: Buffer;
  publicKey: Buffer;
  key: KeyObject;
}

export interface NoteSigner extends NoteVerifier {
  privateKey: KeyObject;
}

/** A key name: non-empty, no '+', no white space or control characters (signed-note). */
export function isKeyName(name: string): boolean {
  return name.length > 0 && !/[+\s\p{Cc}]/u.test(name);
}

export function noteKeyHash(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

function publicKeyObject(publicKey: Buffer): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, publicKey]),
    format: 'der',
    type: 'spki',
  });
}

/** Parses `<name>+<hash>+<base64(0x01 ‖ key)>`; throws a message that names what is wrong. */
export function parseVerifierKey(text: string): NoteVerifier {
  // The base64 key may itself hold '+': only the first two separate fields.
  const parts = splitFields(text.trim(), 3);
  if (parts === undefined) throw new Error('a verifier key is <name>+<hash>+<key>');
  const [name, hash, encoded] = parts;
  const keyBytes = decodeKey(encoded, 'verifier');
  return checked(name, hash, keyBytes, 'verifier');
}

/** Parses `PRIVATE+KEY+<name>+<hash>+<base64(0x01 ‖ seed)>`. */
export function parseSignerKey(text: string): NoteSigner {
  const parts = splitFields(text.trim(), 5);
  if (parts === undefined || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new Error('a signer key is PRIVATE+KEY+<name>+<hash>+<key>');
  }
  const seed = decodeKey(parts[4], 'signer');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .subarray(-32);
  return { ...checked(parts[2], parts[3], publicKey, 'signer'), privateKey };
}

/** A new random Ed25519 signer key named `name`, in the signed-note text form. */
export function generateSignerKey(name: string): string {
  if (!isKeyName(name)) throw new Error(`"${name}" cannot name a key`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const hash = noteKeyHash(name, raw).toString('hex');
  return `PRIVATE+KEY+${name}+${hash}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
}

/** The verifier key that goes with a signer: what auditors are given. */
export function verifierKeyText(verifier: NoteVerifier): string {
  const key = Buffer.concat([Buffer.from([ED25519]), verifier.publicKey]).toString('base64');
  return `${verifier.name}+${verifier.keyHash.toString('hex')}+${key}`;
}

/** The text cut at its first count − 1 '+' signs, or undefined when it has fewer. */
function splitFields(text: string, count: number): string[] | undefined {
  const fields: string[] = [];
  let rest = text;
  while (fields.length < count - 1) {
    const at = rest.indexOf('+');
    if (at < 0) return undefined;
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...fields, rest];
}

function decodeKey(encoded: string, kind: string): Buffer {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.toString('base64') !== encoded || bytes.length !== 33 || bytes[0] !== ED25519) {
    throw new Error(`the ${kind} key is not base64 of an Ed25519 key (0x01 and 32 bytes)`);
  }
  return bytes.subarray(1);
}

function checked(name: string, hash: string, publicKey: Buffer, kind: string): NoteVerifier {
  if (!isKeyName(name)) throw new Error(`the ${kind} key's name is empty or has '+' or spaces`);
  if (!/^[0-9a-f]{8}$/.test(hash)) throw new Error(`the ${kind} key's hash is not 8 hex digits`);
  const keyHash = noteKeyHash(name, publicKey);
  if (keyHash.toString('hex') !== hash) {
    throw new Error(`the ${kind} key's hash does not match its name and key`);
  }
  return { name, keyHash, publicKey, key: publicKeyObject(publicKey) };
}
