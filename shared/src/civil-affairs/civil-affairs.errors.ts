// error codes owned by the district copy of the civil-affairs registry (issue 11: registry imports from the staff console);
// merged into ErrorCode in ../errors.ts
export const CivilAffairsErrorCode = {
  // the uploaded file is not what its name says (an .xlsx that is no zip, a .csv that is binary) or is empty: nothing was written
  RegistryFileInvalid: 'REGISTRY_FILE_INVALID',
  // only an import held for approval (F5) can be approved; this one is published, failed or already approved
  RegistryImportNotHeld: 'REGISTRY_IMPORT_NOT_HELD',
} as const;

export const CivilAffairsErrorStatus = {
  REGISTRY_FILE_INVALID: 400,
  REGISTRY_IMPORT_NOT_HELD: 409,
} as const satisfies Record<(typeof CivilAffairsErrorCode)[keyof typeof CivilAffairsErrorCode], number>;
