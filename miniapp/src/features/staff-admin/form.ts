/** zod's first message per form field (the field is the issue path's first key); other paths are left out */
export function firstIssuePerField<F extends string>(issues: readonly { path: readonly PropertyKey[]; message: string }[], fields: readonly F[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? '') as F;
    if (fields.includes(key) && !out[key]) out[key] = i.message;
  }
  return out;
}
