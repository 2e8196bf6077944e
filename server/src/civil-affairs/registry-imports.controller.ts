import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { CurrentUser, type Caller } from '../identity/caller';
import { RegistryImportsDesk } from './import/registry-imports.desk';

type Staff = Extract<Caller, { kind: 'staff' }>;

// district staff: the registry files imported, and each one's validation report
@Controller()
@UseGuards(AuthGuard)
export class RegistryImportsController {
  constructor(private readonly desk: RegistryImportsDesk) {}

  @Endpoint(routes.registryImports)
  list(@RouteInput(routes.registryImports) _q: ParsedInput<typeof routes.registryImports>) {
    return this.desk.list();
  }

  @Endpoint(routes.registryImportReport)
  report(
    @RouteParams(routes.registryImportReport) p: ParsedParams<typeof routes.registryImportReport>,
    @RouteInput(routes.registryImportReport) _q: ParsedInput<typeof routes.registryImportReport>,
    @CurrentUser() caller: Staff,
  ) {
    return this.desk.report(caller.staffId, p.id);
  }

  @Endpoint(routes.uploadRegistryImport)
  upload(@RouteInput(routes.uploadRegistryImport) b: ParsedInput<typeof routes.uploadRegistryImport>, @CurrentUser() caller: Staff) {
    return this.desk.upload(caller.staffId, b);
  }

  @Endpoint(routes.approveRegistryImport)
  approve(
    @RouteParams(routes.approveRegistryImport) p: ParsedParams<typeof routes.approveRegistryImport>,
    @RouteInput(routes.approveRegistryImport) _b: ParsedInput<typeof routes.approveRegistryImport>,
    @CurrentUser() caller: Staff,
  ) {
    return this.desk.approve(caller.staffId, p.id);
  }
}
