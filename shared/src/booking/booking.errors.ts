// error codes owned by the booking module; merged into ErrorCode in ../errors.ts
export const BookingErrorCode = {} as const;
