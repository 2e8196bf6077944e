// error codes owned by the catalog module; merged into ErrorCode in ../errors.ts
export const CatalogErrorCode = {} as const;
