import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from './config';

// AES-256-GCM for personal data at rest, HMAC-SHA256 blind index for lookups and uniqueness.
// stored form: "<keyId>.<base64(iv|tag|ciphertext)>" so keys can be rotated (old ids decrypt only)
@Injectable()
export class PiiCipher {
  private readonly keys: Record<string, Buffer>;
  private readonly keyId: string;
  private readonly hmacKey: Buffer;
  private readonly hmacVersion: number;
  private readonly oldHmacKeys: ReadonlyArray<readonly [number, Buffer]>;

  constructor(config: AppConfig) {
    this.keyId = config.pii.keyId;
    this.keys = { ...config.pii.oldKeys, [config.pii.keyId]: config.pii.key };
    this.hmacKey = config.pii.hmacKey;
    this.hmacVersion = config.pii.hmacVersion ?? 1;
    // newest first: a lookup during a rotation tries the current key, then the one it replaced
    this.oldHmacKeys = Object.entries(config.pii.oldHmacKeys ?? {}).map(([v, k]) => [Number(v), k] as const).sort((a, b) => b[0] - a[0]);
  }

  /** the blind-index key version every new row is written under (`*_hash_kv` beside every `*_hash`) */
  get blindIndexVersion(): number {
    return this.hmacVersion;
  }

  /** the earlier key versions still configured (a rotation is under way while there are any) */
  get previousBlindIndexVersions(): number[] {
    return this.oldHmacKeys.map(([v]) => v);
  }

  get currentKeyId(): string {
    return this.keyId;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[this.keyId], iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.keyId}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const dot = stored.indexOf('.');
    const key = this.keys[stored.slice(0, dot)];
    if (dot < 1 || !key) throw new Error('unknown PII key id');
    const raw = Buffer.from(stored.slice(dot + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** the blind index under the current key (what new rows store) */
  blindIndex(kind: string, value: string): string {
    return hmac(this.hmacKey, kind, value);
  }

  /**
   * every blind index a stored row may carry while a rotation is under way: the current key's first, then each earlier
   * key still configured (PII_HMAC_OLD_KEYS). Lookups match any of them; once `rotate-pii` re-indexed every row the old
   * keys are removed from the config and this is the current one alone.
   */
  blindIndexes(kind: string, value: string): string[] {
    return [this.blindIndex(kind, value), ...this.oldHmacKeys.map(([, key]) => hmac(key, kind, value))];
  }
}

function hmac(key: Buffer, kind: string, value: string): string {
  return createHmac('sha256', key).update(`${kind}:${value}`).digest('hex');
}
