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
}
