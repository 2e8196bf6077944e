// error codes of verified proxies and real-name checks; merged into ErrorCode in ../errors.ts
export const ProxyErrorCode = {
  RealNameRequired: 'REAL_NAME_REQUIRED', // the account holder has not verified their own identity yet
  RealNameNotPassed: 'REAL_NAME_NOT_PASSED', // the face check did not pass (or was not finished)
  RealNameCheckExpired: 'REAL_NAME_CHECK_EXPIRED', // the face-check session ran out; start again
  NotSameHousehold: 'NOT_SAME_HOUSEHOLD', // the registry does not show both in one household
  HouseholdCheckUnavailable: 'HOUSEHOLD_CHECK_UNAVAILABLE', // the registry cannot answer now; try again later
  ProxyRevoked: 'PROXY_REVOKED', // the elder or staff revoked this relation; only staff can restore it
  InvitationExpired: 'INVITATION_EXPIRED',
  InvitationUsed: 'INVITATION_USED',
  InvitationNotForYou: 'INVITATION_NOT_FOR_YOU', // only the elder (verified) or a verified proxy of the elder may confirm
  ElderIdMismatch: 'ELDER_ID_MISMATCH', // the ID card staff saw is not the person the family member stands for
} as const;

export const ProxyErrorStatus = {
  REAL_NAME_REQUIRED: 409,
  REAL_NAME_NOT_PASSED: 422,
  REAL_NAME_CHECK_EXPIRED: 409,
  NOT_SAME_HOUSEHOLD: 409,
  HOUSEHOLD_CHECK_UNAVAILABLE: 503,
  PROXY_REVOKED: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_USED: 409,
  INVITATION_NOT_FOR_YOU: 403,
  ELDER_ID_MISMATCH: 409,
} as const satisfies Record<(typeof ProxyErrorCode)[keyof typeof ProxyErrorCode], number>;
