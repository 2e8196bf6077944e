// error codes owned by the allowance module; merged into ErrorCode in ../errors.ts
export const AllowanceErrorCode = {
  // an application for this elder is already under way or the elder already receives it (never says by whom)
  AllowanceAlreadyApplied: 'ALLOWANCE_ALREADY_APPLIED',
  // the action does not fit the application's current status (e.g. another reviewer decided first)
  AllowanceStateConflict: 'ALLOWANCE_STATE_CONFLICT',
  // the consent text the family agreed to is not the current one: show the new text and ask again
  AllowanceConsentOutdated: 'ALLOWANCE_CONSENT_OUTDATED',
  // the 公示 of this application has ended or has not started: objections are closed
  AllowanceObjectionClosed: 'ALLOWANCE_OBJECTION_CLOSED',
  // the brackets overlap, leave a gap, or do not start at the lowest age
  AllowancePolicyInvalid: 'ALLOWANCE_POLICY_INVALID',
} as const;

// the HTTP status of each code above (exhaustive: a code without a status fails typecheck)
export const AllowanceErrorStatus = {
  ALLOWANCE_ALREADY_APPLIED: 409,
  ALLOWANCE_STATE_CONFLICT: 409,
  ALLOWANCE_CONSENT_OUTDATED: 409,
  ALLOWANCE_OBJECTION_CLOSED: 409,
  ALLOWANCE_POLICY_INVALID: 400,
} as const satisfies Record<(typeof AllowanceErrorCode)[keyof typeof AllowanceErrorCode], number>;
