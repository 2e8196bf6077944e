import * as argon2 from 'argon2';
import type { AppConfig } from '../common/config';

/**
 * How staff passwords are hashed: argon2id at its default cost; under NODE_ENV=test the cheap parameters, because
 * test runs log staff in thousands of times and a loaded CI machine must not push a request past its time limit.
 * The seed, the account administration and the login's unknown-username check all use these, so every verify in
 * one environment costs the same.
 */
export function passwordHashOptions(config: Pick<AppConfig, 'env'>): { type: typeof argon2.argon2id; memoryCost?: number; timeCost?: number } {
  return config.env === 'test' ? { type: argon2.argon2id, memoryCost: 1024, timeCost: 1 } : { type: argon2.argon2id };
}

export function hashPassword(config: Pick<AppConfig, 'env'>, password: string): Promise<string> {
  return argon2.hash(password, passwordHashOptions(config));
}

const dummies = new Map<string, Promise<string>>();

/**
 * A hash of a random password with this environment's parameters: a login for an unknown username verifies against
 * it, so it takes as long as a wrong password for a real one and the answer time tells nobody which usernames exist.
 * (A fixed production-cost hash made unknown usernames 10× slower than wrong passwords under the test parameters.)
 * Derived from the configuration, identical on every instance; nothing instances must agree on.
 */
export function dummyPasswordHash(config: Pick<AppConfig, 'env'>): Promise<string> {
  const key = config.env === 'test' ? 'test' : 'default';
  let h = dummies.get(key);
  if (!h) {
    h = hashPassword(config, `unknown-user-${Math.random()}`);
    dummies.set(key, h);
  }
  return h;
}
