// error codes owned by the allowance ledger (issue 12: recipients, monthly entitlements, rosters, re-verification);
// merged into ErrorCode in ../errors.ts
export const LedgerErrorCode = {
  // the month is closed: nothing of it changes any more (corrections go into a later month as back-pay or 追缴)
  LedgerMonthClosed: 'LEDGER_MONTH_CLOSED',
  // the action needs a closed month (the payment roster is made only for a month the district closed)
  LedgerMonthNotClosed: 'LEDGER_MONTH_NOT_CLOSED',
  // the action does not fit the current state (a run still going, a month in the future, a run not held for approval …)
  LedgerStateConflict: 'LEDGER_STATE_CONFLICT',
  // the uploaded file is not a readable .xlsx or .csv of the expected shape (nothing was applied)
  LedgerFileInvalid: 'LEDGER_FILE_INVALID',
} as const;

export const LedgerErrorStatus = {
  LEDGER_MONTH_CLOSED: 409,
  LEDGER_MONTH_NOT_CLOSED: 409,
  LEDGER_STATE_CONFLICT: 409,
  LEDGER_FILE_INVALID: 400,
} as const satisfies Record<(typeof LedgerErrorCode)[keyof typeof LedgerErrorCode], number>;
