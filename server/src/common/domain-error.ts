import type { ErrorCode } from '@jianban/shared';

// the HTTP status of each code is data next to the code in @jianban/shared (errorStatus); common knows no module

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
