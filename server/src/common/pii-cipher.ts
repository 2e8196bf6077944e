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

  constructor(config: AppConfig) {
    this.keyId = config.pii.keyId;
    this.keys = { ...config.pii.oldKeys, [config.pii.keyId]: config.pii.key };
    this.hmacKey = config.pii.hmacKey;
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

  blindIndex(kind: string, value: string): string {
    return createHmac('sha256', this.hmacKey).update(`${kind}:${value}`).digest('hex');
  }
}
