// test-only: the smallest valid input and params of one route (each module's *.samples.ts lists its routes)
export interface Sample {
  input: Record<string, unknown>;
  params?: Record<string, unknown>;
}
