import { generateSignerKey, parseSignerKey, parseVerifierKey, verifierKeyText } from './note-keys';
import { NoteNotVerified, openNote, signNote } from './signed-note';
import { formatCheckpoint, parseCheckpoint } from './tlog-checkpoint';

// The example of the reference implementation (golang.org/x/mod/sumdb/note, note_test.go):
// Ed25519 is deterministic, so signing the same text must give the same note byte for byte.
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const NOTE =
  TEXT +
  '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('C2SP signed notes with Ed25519', () => {
  it('reproduces the reference note and its verifier key', () => {
    const signer = parseSignerKey(SKEY);
    expect(verifierKeyText(signer)).toBe(VKEY);
    expect(signNote(TEXT, signer)).toBe(NOTE);
    expect(openNote(NOTE, parseVerifierKey(VKEY))).toBe(TEXT);
  });

  it('refuses an altered text, another key, and malformed keys, saying which', () => {
    const verifier = parseVerifierKey(VKEY);
    expect(() => openNote(NOTE.replace('cryptography', 'cryptographY'), verifier)).toThrow(
      /does not verify/,
    );
    const other = parseSignerKey(generateSignerKey('PeterNeumann'));
    expect(() => openNote(NOTE, other)).toThrow(/no signature by key PeterNeumann\+/);
    expect(() => openNote(TEXT, verifier)).toThrow(NoteNotVerified);
    expect(() => parseVerifierKey(VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(/hash/);
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3')).toThrow(/<name>\+<hash>\+<key>/);
    expect(() => parseSignerKey(SKEY.slice(0, -4))).toThrow(/not base64 of an Ed25519 key/);
  });

  it('generates keys whose notes verify with their verifier key', () => {
    const signer = parseSignerKey(generateSignerKey('ledger.example/log'));
    const verifier = parseVerifierKey(verifierKeyText(signer));
    const body = formatCheckpoint({
      origin: 'ledger.example/log',
      treeSize: 3,
      rootHash: Buffer.alloc(32, 7),
    });
    expect(parseCheckpoint(openNote(signNote(body, signer), verifier))).toEqual({
      origin: 'ledger.example/log',
      treeSize: 3,
      rootHash: Buffer.alloc(32, 7),
    });
  });

  it.each([
    ['ledger.example/log\n3\n', /origin, a tree size and a root hash/],
    ['ledger.example/log\n03\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n', /tree size/],
    ['ledger.example/log\n3\nBwcH\n', /root hash/],
    ['\n3\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n', /origin is empty/],
  ])('refuses the checkpoint body %j', (body, message) => {
    expect(() => parseCheckpoint(body)).toThrow(message);
  });
});
