import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BhError } from '../errors';
import {
  checkpointBody,
  noteKeyId,
  parseVerifierKey,
  rawEd25519PublicKey,
  signCheckpoint,
  verifierKey,
  verifyCheckpoint,
  signNote,
  verifyNote,
} from './checkpoint';
import { EMPTY_ROOT, sha256 } from './merkle';
import { testSigner } from './testing';

const ORIGIN = 'borderhealth.example/VN-QN';
const ROOT = sha256(new TextEncoder().encode('some root'));

function expectInvalid(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BhError);
    expect((e as BhError).code).toBe('BH_AUDIT_CHECKPOINT_INVALID');
    return;
  }
  throw new Error('expected BH_AUDIT_CHECKPOINT_INVALID');
}

describe('checkpoint', () => {
  const signer = testSigner();
  const pub = rawEd25519PublicKey(signer.publicKey);

  it('has the exact tlog-checkpoint / signed-note layout', () => {
    const { note, signature } = signCheckpoint(signer, ORIGIN, 42, ROOT);
    const body = `${ORIGIN}\n42\n${Buffer.from(ROOT).toString('base64')}\n`;
    expect(checkpointBody(ORIGIN, 42, ROOT)).toBe(body);
    expect(note).toBe(`${body}\n\u2014 ${ORIGIN} ${signature}\n`);
    const payload = Buffer.from(signature, 'base64');
    expect(payload).toHaveLength(4 + 64);
    expect(Buffer.from(payload.subarray(0, 4))).toEqual(Buffer.from(noteKeyId(ORIGIN, pub)));
  });

  it('round-trips sign → verify, including the empty tree', () => {
    const { note } = signCheckpoint(signer, ORIGIN, 42, ROOT);
    const v = verifyCheckpoint(note, pub, ORIGIN);
    expect(v).toEqual({ origin: ORIGIN, size: 42, rootHash: ROOT });
    const empty = verifyCheckpoint(signCheckpoint(signer, ORIGIN, 0, EMPTY_ROOT).note, pub, ORIGIN);
    expect(empty.size).toBe(0);
  });

  it('rejects a modified body', () => {
    const { note } = signCheckpoint(signer, ORIGIN, 42, ROOT);
    expectInvalid(() => verifyCheckpoint(note.replace('\n42\n', '\n43\n'), pub, ORIGIN));
    expectInvalid(() => verifyCheckpoint(note.replace(ORIGIN + '\n', 'borderhealth.example/CN-GX\n'), pub, ORIGIN));
    const other = Buffer.from(sha256(ROOT)).toString('base64');
    expectInvalid(() => verifyCheckpoint(note.replace(Buffer.from(ROOT).toString('base64'), other), pub, ORIGIN));
    // An extension line slipped into the signed text also breaks the signature.
    expectInvalid(() => verifyCheckpoint(note.replace('\n\n\u2014', '\nextra\n\n\u2014'), pub, ORIGIN));
  });

  it('rejects a modified signature, key, key name or key ID', () => {
    const { note, signature } = signCheckpoint(signer, ORIGIN, 42, ROOT);
    const sig = Buffer.from(signature, 'base64');
    const tampered = Buffer.from(sig);
    tampered[10] ^= 1;
    expectInvalid(() => verifyCheckpoint(note.replace(signature, tampered.toString('base64')), pub, ORIGIN));
    // Another key with our name and key ID is "known" and must fail, not be skipped.
    const other = rawEd25519PublicKey(testSigner().publicKey);
    expectInvalid(() => verifyCheckpoint(note, other, ORIGIN));
    // With a different key name the only signature is from an unknown key: no trusted signature.
    expectInvalid(() => verifyCheckpoint(note, pub, 'borderhealth.example/other'));
    const badId = Buffer.from(sig);
    badId[0] ^= 1;
    expectInvalid(() => verifyCheckpoint(note.replace(signature, badId.toString('base64')), pub, ORIGIN));
    expectInvalid(() => verifyCheckpoint(note.replace('\u2014', '-'), pub, ORIGIN));
    expectInvalid(() => verifyCheckpoint(note.slice(0, note.indexOf('\n\n') + 1), pub, ORIGIN));
  });

  it('ignores signatures from unknown keys (witness cosignatures, rotation)', () => {
    const { note } = signCheckpoint(signer, ORIGIN, 42, ROOT);
    const witness = testSigner('witness');
    const { note: wnote } = signCheckpoint(witness, ORIGIN, 42, ROOT, 'witness.example/w1');
    const cosigned = note + wnote.slice(wnote.indexOf('\n\n') + 2);
    expect(verifyCheckpoint(cosigned, pub, ORIGIN).size).toBe(42);
    expect(verifyCheckpoint(cosigned, rawEd25519PublicKey(witness.publicKey), 'witness.example/w1').size).toBe(42);
  });

  it('computes the key ID as signed-note defines it', () => {
    const id = noteKeyId(ORIGIN, pub);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(ORIGIN), Buffer.from([0x0a, 0x01]), Buffer.from(pub)]))
      .digest()
      .subarray(0, 4);
    expect(Buffer.from(id)).toEqual(expected);
    expect(pub).toHaveLength(32);
  });

  it('reproduces the Go sumdb/note known answer byte for byte (golang.org/x/mod/sumdb/note)', () => {
    // From the package documentation's example and note_test.go: the signer key
    // PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz, its verifier
    // key and the signed note below. Ed25519 is deterministic, so our signature must be identical.
    const seed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
    const privateKey = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const publicKey = createPublicKey(privateKey);
    const raw = rawEd25519PublicKey(publicKey);
    expect(verifierKey('PeterNeumann', raw)).toBe('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(Buffer.from(noteKeyId('PeterNeumann', raw)).toString('hex')).toBe('c74f20a3');
    const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const goNote = `${text}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
    expect(signNote(text, { privateKey, publicKey, kid: 'peter' }, 'PeterNeumann').note).toBe(goNote);
    expect(verifyNote(goNote, raw, 'PeterNeumann')).toBe(text);
  });

  it('formats and parses verifier keys', () => {
    const vkey = verifierKey(ORIGIN, pub);
    expect(vkey).toMatch(/^borderhealth\.example\/VN-QN\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const parsed = parseVerifierKey(vkey);
    expect(parsed.keyName).toBe(ORIGIN);
    expect(Buffer.from(parsed.publicKey)).toEqual(Buffer.from(pub));
    expectInvalid(() => parseVerifierKey(vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')));
    expect(() => verifierKey('bad name', pub)).toThrow();
    expect(() => verifierKey('bad+name', pub)).toThrow();
  });
});
