import { ledgerCheckpointSchema } from '@hailong/contracts';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointSignerFromPem, keyIdOfX, publicKeysFromPem, publicKeysFromText, verifyCheckpointSignature } from './checkpoint-signing';
import { buildLedger, checkpointOf, testSigner } from './spec-helpers';

const head = buildLedger('survey-intake', 3)[2];

describe('signed checkpoints', () => {
  it('signs a ledger head that verifies under the signer’s published key and fits the event contract', () => {
    const signer = testSigner();
    const checkpoint = checkpointOf(signer, 'survey-intake', head);
    expect(ledgerCheckpointSchema.parse(checkpoint)).toEqual(checkpoint);
    expect(checkpoint).toMatchObject({ ledger: 'survey-intake', sequence: 3, hash: head.hash, keyId: signer.keyId, algorithm: 'Ed25519' });
    expect(verifyCheckpointSignature(checkpoint, [signer.publicKey])).toEqual({ valid: true, keyId: signer.keyId });
  });

  it('refuses a forged signature, naming the key', () => {
    const signer = testSigner();
    const checkpoint = { ...checkpointOf(signer, 'survey-intake', head), signature: randomBytes(64).toString('base64url') };
    const check = verifyCheckpointSignature(checkpoint, [signer.publicKey]);
    expect(check).toMatchObject({ valid: false, reason: expect.stringContaining('forged or altered') });
    expect(check.valid === false && check.reasonVi).toContain('giả mạo');
  });

  it('refuses a checkpoint whose head was changed after signing', () => {
    const signer = testSigner();
    const signed = checkpointOf(signer, 'survey-intake', head);
    for (const changed of [{ sequence: 2 }, { hash: 'a'.repeat(64) }, { ledger: 'scoring' as const }, { reason: 'periodic' as const }]) {
      expect(verifyCheckpointSignature({ ...signed, ...changed }, [signer.publicKey]).valid).toBe(false);
    }
  });

  it('refuses a checkpoint signed by another key that claims a published key id', () => {
    const genuine = testSigner();
    const mallory = testSigner();
    const forged = { ...checkpointOf(mallory, 'survey-intake', head), keyId: genuine.keyId };
    expect(verifyCheckpointSignature(forged, [genuine.publicKey]).valid).toBe(false);
  });

  it('refuses a key id that is not published, and what is not a checkpoint at all', () => {
    const signer = testSigner();
    expect(verifyCheckpointSignature(checkpointOf(signer, 'survey-intake', head), [testSigner().publicKey])).toMatchObject({
      valid: false,
      reason: expect.stringContaining('not among the published keys'),
    });
    expect(verifyCheckpointSignature({ ledger: 'survey-intake' }, [signer.publicKey])).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^not a checkpoint/),
    });
  });

  it('still verifies a checkpoint signed before a rotation while the old key stays published as retired', () => {
    const old = testSigner();
    const current = testSigner();
    const before = checkpointOf(old, 'survey-intake', head);
    const published = [current.publicKey, ...publicKeysFromPem(old.publicKeyPem, 'retired')];
    expect(verifyCheckpointSignature(before, published)).toEqual({ valid: true, keyId: old.keyId });
    expect(verifyCheckpointSignature(before, [current.publicKey]).valid).toBe(false);
  });

  it('verifies the published fixture, signed independently over canonical JSON, so the signed bytes cannot drift unnoticed', () => {
    // Signed with node:crypto and the canonicalize package directly, not with this library.
    const fixture = JSON.parse(readFileSync(join(__dirname, '../../../../contracts/src/fixtures/LedgerCheckpointSigned.v1.json'), 'utf8'));
    const [key] = publicKeysFromText('{"kty":"OKP","crv":"Ed25519","x":"ydiZcqcetWq7C97J1hUVHyUbGsIsUpvrid-rpBlsdII"}');
    expect(verifyCheckpointSignature(fixture.data, [key])).toEqual({ valid: true, keyId: fixture.data.keyId });
  });

  it('uses the RFC 7638 thumbprint as key id (RFC 8037 test vector)', () => {
    expect(keyIdOfX('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo')).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('reads published keys from the keys endpoint’s JSON or from PEM, recomputing every key id', () => {
    const a = testSigner();
    const b = testSigner();
    const endpoint = JSON.stringify({ keys: [a.publicKey, { ...b.publicKey, kid: 'lies', status: 'retired' }] });
    expect(publicKeysFromText(endpoint).map((k) => [k.kid, k.status])).toEqual([
      [a.keyId, 'active'],
      [b.keyId, 'retired'],
    ]);
    expect(publicKeysFromText(`${a.publicKeyPem}\n${b.publicKeyPem}`).map((k) => k.kid)).toEqual([a.keyId, b.keyId]);
    expect(() => publicKeysFromText('{"kty":"RSA"}')).toThrow(/not an Ed25519 JWK/);
  });

  it('insists on an Ed25519 private key', () => {
    expect(() => checkpointSignerFromPem('not a pem')).toThrow(/PKCS8/);
  });
});
