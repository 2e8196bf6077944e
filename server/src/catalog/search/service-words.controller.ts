import { Controller, UseGuards } from '@nestjs/common';
import { routes, type ParsedInput, type ParsedParams } from '@jianban/shared';
import { Endpoint, RouteInput, RouteParams } from '../../common/route.decorators';
import { AuthGuard } from '../../identity/auth.guard';
import { CurrentUser, type Caller } from '../../identity/caller';
import { ServiceWordsService } from './service-words.service';

type Staff = Extract<Caller, { kind: 'staff' }>;

// the words that lead a search to each service (issue 13)
@Controller()
@UseGuards(AuthGuard)
export class ServiceWordsController {
  constructor(private readonly words: ServiceWordsService) {}

  @Endpoint(routes.searchServiceWords)
  list(@RouteInput(routes.searchServiceWords) _q: ParsedInput<typeof routes.searchServiceWords>) {
    return this.words.list();
  }

  @Endpoint(routes.updateSearchServiceWords)
  update(@RouteParams(routes.updateSearchServiceWords) p: ParsedParams<typeof routes.updateSearchServiceWords>, @RouteInput(routes.updateSearchServiceWords) body: ParsedInput<typeof routes.updateSearchServiceWords>, @CurrentUser() caller: Staff) {
    return this.words.update(caller, p.service, body);
  }

  @Endpoint(routes.searchServiceWordsHistory)
  history(@RouteParams(routes.searchServiceWordsHistory) p: ParsedParams<typeof routes.searchServiceWordsHistory>, @RouteInput(routes.searchServiceWordsHistory) _q: ParsedInput<typeof routes.searchServiceWordsHistory>) {
    return this.words.history(p.service);
  }
}
