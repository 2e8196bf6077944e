import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CatalogEditService } from './catalog-edit.service';
import { CatalogReadService } from './catalog-read.service';
import { CatalogController } from './catalog.controller';
import { CatalogItemRepository, CatalogMetaRepository, CatalogProposalRepository, DemandReportRepository, WorkListRepository } from './catalog.repository';
import { DemandReportService } from './demand-report.service';
import { DepartmentRepository } from './department.repository';
import { DepartmentService } from './department.service';
import { NoticeBoardService } from './notice/notice-board.service';
import { CatalogIndexService } from './search/catalog-index.service';
import { SearchRateGate } from './search/search-rate-gate';
import { ServiceWordsController } from './search/service-words.controller';
import { ServiceWordsRepository } from './search/service-words.repository';
import { ServiceWordsService } from './search/service-words.service';

// certificate rules: the two lists with alternative routes, search, edits with history, demand reports, notice boards
@Module({
  imports: [IdentityModule, NotificationsModule],
  controllers: [CatalogController, ServiceWordsController],
  providers: [
    CatalogReadService, CatalogEditService, DemandReportService, NoticeBoardService, CatalogIndexService, SearchRateGate,
    CatalogItemRepository, CatalogMetaRepository, CatalogProposalRepository, DemandReportRepository, WorkListRepository,
    ServiceWordsRepository, ServiceWordsService,
    DepartmentService, DepartmentRepository,
  ],
})
export class CatalogModule {}
