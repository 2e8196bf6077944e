import {
  CatalogDemandReportEntity,
  CatalogDepartmentEntity,
  CatalogDepartmentVersionEntity,
  CatalogItemEntity,
  CatalogItemVersionEntity,
  CatalogMetaEntity,
  CatalogProposalEntity,
  CatalogWorkListEntity,
} from './entities/catalog.entity';

// the catalog module's TypeORM entities; registered in database/entities.ts
export const CATALOG_ENTITIES: Function[] = [
  CatalogItemEntity, CatalogItemVersionEntity, CatalogProposalEntity, CatalogWorkListEntity, CatalogDemandReportEntity, CatalogMetaEntity,
  CatalogDepartmentEntity, CatalogDepartmentVersionEntity,
];
