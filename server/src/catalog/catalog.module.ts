import { Module } from '@nestjs/common';

// the catalog domain module (filled in by the catalog issue)
@Module({})
export class CatalogModule {}
