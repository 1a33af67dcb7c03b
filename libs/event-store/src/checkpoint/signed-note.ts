import { sign, verify } from 'node:crypto';
import type { NoteSigner, NoteVerifier } from './note-keys';

/**
 * C2SP signed notes (https://c2sp.org/signed-note): the text (UTF-8, ending in a newline),
 * a blank line, then one line per signature: `— <key name> <base64(key hash ‖ signature)>`.
 * The Ed25519 signature covers the text exactly, final newline included.
 */
const SIGNATURE_LINE = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/;

/** Signs `text` (which must end with a newline) and returns the whole note. */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n')) throw new Error('a note text ends with a newline');
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  const blob = Buffer.concat([signer.keyHash, signature]).toString('base64');
  return `${text}\n\u2014 ${signer.name} ${blob}\n`;
}

export class NoteNotVerified extends Error {
  override readonly name = 'NoteNotVerified';
}

/** The note's text once a signature by `verifier` checks; otherwise throws {@link NoteNotVerified} saying why. */
export function openNote(note: string, verifier: NoteVerifier): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) {
    throw new NoteNotVerified('not a signed note (no blank line before signature lines)');
  }
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  let ours = 0;
  for (const line of lines) {
    const match = SIGNATURE_LINE.exec(line);
    if (!match) throw new NoteNotVerified(`malformed signature line "${line.slice(0, 80)}"`);
    const blob = Buffer.from(match[2], 'base64');
    if (match[1] !== verifier.name || blob.length < 4) continue;
    if (!blob.subarray(0, 4).equals(verifier.keyHash)) continue;
    ours += 1;
    if (verify(null, Buffer.from(text, 'utf8'), verifier.key, blob.subarray(4))) return text;
  }
  throw new NoteNotVerified(
    ours === 0
      ? `no signature by key ${verifier.name}+${verifier.keyHash.toString('hex')}`
      : `the signature by ${verifier.name} does not verify: the note was altered or signed by another key`,
  );
}
