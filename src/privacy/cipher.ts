import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';

/**
 * Field encryption for personal data: AES-256-GCM for the value, and an HMAC-SHA256
 * keyed hash beside it so that equal values can be found and de-duplicated without decrypting.
 * Both keys are derived from one secret, each for its own purpose.
 *
 * The cipher holds a ring of secrets, newest first, so that the keys can be rotated while Linli
 * runs: it encrypts and hashes under the newest, decrypts under any, and gives a value's hashes
 * under every key for look-ups that must match rows not yet rotated.
 */
export interface FieldCipher {
  /** The id of the newest key, which every new value is sealed and hashed under. */
  readonly keyId: string;
  /** Every key's id, newest first. */
  readonly keyIds: readonly string[];
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** The id of the key a value was sealed under; null for a value of the first format (it names none). */
  sealedUnder(sealed: string): string | null;
  /** A keyed hash of a normalised value under the newest key; `kind` keeps equal strings of different kinds apart. */
  hash(kind: HashKind, normalised: string): string;
  /** The value's keyed hash under every key of the ring, newest first: what a look-up must match during a rotation. */
  hashes(kind: HashKind, normalised: string): string[];
}

export type HashKind = 'id' | 'phone' | 'text';

/** v1 sealed values name no key (there was only one); v2 names the key, so that a ring knows which to use. */
const legacyFormat = 'v1';
const format = 'v2';
export const minimumSecretLength = 32;

interface RingKey {
  id: string;
  encryption: Buffer;
  hashing: Buffer;
}

/**
 * Fresh random IVs, drawn from the system's generator a few thousand at a time: one call for
 * each value sealed took half the time of sealing it, and an import seals two values a row.
 */
const ivLength = 12;
const ivPool = Buffer.alloc(ivLength * 4096);
let ivTaken = ivPool.length;

function freshIv(): Buffer {
  if (ivTaken === ivPool.length) {
    randomFillSync(ivPool);
    ivTaken = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivTaken, ivTaken + ivLength));
  ivTaken += ivLength;
  return iv;
}

function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('linli'), Buffer.from(purpose), 32));
}

/** A short public name of a secret, derived from it one way: safe to print, store and compare. */
export function keyIdOf(secret: string): string {
  return deriveKey(secret, 'key-id').toString('hex').slice(0, 12);
}

function ringKey(secret: string): RingKey {
  if (secret.length < minimumSecretLength) throw new Error(`the secret for personal data must be at least ${minimumSecretLength} characters`);
  return { id: keyIdOf(secret), encryption: deriveKey(secret, 'field-encryption'), hashing: deriveKey(secret, 'field-hash') };
}

function open(key: RingKey, iv: string, tag: string, body: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key.encryption, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** A cipher over one secret, or over a ring of them, newest first. */
export function createFieldCipher(secrets: string | readonly string[]): FieldCipher {
  const ring = (typeof secrets === 'string' ? [secrets] : [...secrets]).map(ringKey);
  const newest = ring[0];
  if (newest === undefined) throw new Error('the key ring for personal data is empty');
  const byId = new Map(ring.map((key) => [key.id, key]));
  const hashUnder = (key: RingKey, kind: HashKind, normalised: string) =>
    createHmac('sha256', key.hashing).update(`${kind}\u0000${normalised}`).digest('hex');
  return {
    keyId: newest.id,
    keyIds: ring.map((key) => key.id),
    encrypt(plain) {
      const iv = freshIv();
      const cipher = createCipheriv('aes-256-gcm', newest.encryption, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [format, newest.id, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(sealed) {
      const parts = sealed.split(':');
      if (parts[0] === format && parts.length === 5) {
        const [, keyId = '', iv = '', tag = '', body = ''] = parts;
        const key = byId.get(keyId);
        if (!key) throw new Error(`sealed under key ${keyId}, which is not in the key ring`);
        return open(key, iv, tag, body);
      }
      if (parts[0] === legacyFormat && parts.length === 4) {
        const [, iv = '', tag = '', body = ''] = parts;
        // The first format names no key: the one that authenticates it is the one (oldest first, as such values are old).
        for (const key of [...ring].reverse()) {
          try {
            return open(key, iv, tag, body);
          } catch {
            continue;
          }
        }
        throw new Error('sealed under a key that is not in the key ring');
      }
      throw new Error('not a sealed value of a known format');
    },
    sealedUnder(sealed) {
      const parts = sealed.split(':');
      return parts[0] === format ? (parts[1] ?? null) : null;
    },
    hash(kind, normalised) {
      return hashUnder(newest, kind, normalised);
    },
    hashes(kind, normalised) {
      return ring.map((key) => hashUnder(key, kind, normalised));
    },
  };
}
