import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput } from '@jianban/shared';
import type { FastifyReply } from 'fastify';
import { Endpoint, RouteInput } from '../common/route.decorators';
import { AuthGuard } from '../identity/auth.guard';
import { HealthService } from './health.service';
import { buildOpenApi, docsPage } from './openapi';

@Controller()
@UseGuards(AuthGuard)
export class SystemController {
  constructor(private readonly health: HealthService) {}

  @Endpoint(routes.health)
  async check(@RouteInput(routes.health) _q: ParsedInput<typeof routes.health>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.health.check();
    if (!result.db.ok) reply.status(503);
    return result;
  }
}

// documentation routes are not part of the product contract
@Controller()
export class DocsController {
  private readonly openapi = buildOpenApi('0.1.0');

  @Get('openapi.json')
  spec() {
    return this.openapi;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs() {
    return docsPage();
  }
}
