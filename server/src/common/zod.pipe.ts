import { PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@jianban/shared';
import type { ZodType } from 'zod';
import { DomainError } from './domain-error';

export class ZodPipe implements PipeTransform {
  constructor(
    private readonly schema: ZodType,
    private readonly where: 'body' | 'query' | 'params',
  ) {}

  transform(value: unknown) {
    const input = value === undefined || value === null ? {} : value;
    const result = this.schema.safeParse(input);
    if (result.success) return result.data;
    const issues = result.error.issues.map((i) => ({
      path: [this.where, ...i.path.map(String)].join('.'),
      message: i.message,
      ...(i.code === 'unrecognized_keys' ? { keys: (i as { keys: string[] }).keys } : {}),
    }));
    throw new DomainError(ErrorCode.Validation, `invalid ${this.where}: ${issues.map((i) => i.path).join(', ')}`, { issues });
  }
}
