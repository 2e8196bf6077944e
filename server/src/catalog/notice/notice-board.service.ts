import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ErrorCode, type NoticeBoardView } from '@jianban/shared';
import { AppConfig } from '../../common/config';
import { Clock } from '../../common/clock';
import { PINO } from '../../common/logger';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import type { Caller } from '../../identity/caller';
import { RegionScope } from '../../identity/region.scope';
import { DISTRICT_OWNER, parseContent } from '../catalog.mapper';
import { posterLineOf } from '../catalog.seed';
import { DEMAND_MIN, groupByCategory, type DemandCounts } from '../list-order';
import { CatalogReadService } from '../catalog-read.service';
import { CatalogIndexService, type IndexSnapshot } from '../search/catalog-index.service';
import { WxaCodeService } from '../../notifications/wxa-code.service';
import { loadFont, renderNoticeBoard, type PosterCode, type PosterItem } from './notice-board.renderer';

type Staff = Extract<Caller, { kind: 'staff' }>;

const CACHE_MAX = 16;
interface Rendered {
  pdf: Buffer;
  pageCount: number;
  itemCount: number;
  // the 小程序码 could not be had: the board says so and is not kept, so the next download asks WeChat again
  codeMissing: boolean;
}

// the notice boards at the community's door, generated from the catalog so they always match the app.
// A rendered PDF is kept per (community, catalog version, day): any edit bumps the version, so a cached board is never stale.
@Injectable()
export class NoticeBoardService {
  private readonly cache = new Map<string, Rendered>();

  constructor(
    private readonly db: Db,
    private readonly regions: RegionScope,
    private readonly index: CatalogIndexService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(PINO) private readonly log: Logger,
    private readonly read: CatalogReadService,
    private readonly wxaCodes: WxaCodeService,
  ) {}

  async render(staff: Staff, community: string): Promise<NoticeBoardView> {
    const region = await this.db.read((m) => this.regions.coveredCommunity(m, staff, community));
    if (!region) throw new DomainError(ErrorCode.CommunityNotFound, `${community} is not a community`);
    const font = this.font();
    const snap = await this.index.current();
    const today = this.clock.today();
    const demand = await this.read.demand();
    // the order follows residents' demand reports too: a board is reused only while they rank items the same way
    const ranked = [...demand.entries()].filter(([, n]) => n >= DEMAND_MIN).sort().join(',');
    const key = `${community}|${snap.index.version}|${today}|${font.path}|${ranked}`;
    const rendered = this.cache.get(key) ?? (await this.renderFresh({ communityName: region.name, community, snap, today, font, demand }));
    if (!rendered.codeMissing) this.remember(key, rendered);
    const { pdf, pageCount, itemCount } = rendered;
    return {
      fileName: `公示牌-${region.name}-${today}.pdf`,
      contentType: 'application/pdf',
      base64: pdf.toString('base64'),
      sizeBytes: pdf.length,
      pageCount,
      itemCount,
      catalogVersion: snap.index.version,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  // exactly the items residents of the community see in the app (GET /catalog/items?community=), in the same order
  private async renderFresh(o: { communityName: string; community: string; snap: IndexSnapshot; today: string; font: { bytes: Buffer; family: string | undefined }; demand: DemandCounts }): Promise<Rendered> {
    const { communityName, community, snap, today, font, demand } = o;
    const rows = [...snap.rows.values()].filter((r) => r.owner === DISTRICT_OWNER || r.owner === community);
    const visible = rows.map((r) => ({ row: r, content: parseContent(r), summary: snap.summaries.get(r.code)! }));
    const byCode = new Map(visible.map((v) => [v.row.code, v]));
    const inOrder = (list: 'issue' | 'not_issue') =>
      groupByCategory(visible.map((v) => v.summary).filter((s) => s.list === list), demand).flatMap((g) => g.items).map((s) => byCode.get(s.code)!);
    const poster = (v: (typeof visible)[number]): PosterItem => ({
      code: v.row.code,
      name: v.content.name,
      line:
        v.content.list === 'not_issue'
          ? (posterLineOf(v.row.code, v.content.routeSteps) ?? '请问社区工作人员')
          : v.content.materials.length ? `要带：${v.content.materials.join('、')}` : '要带的材料请先问社区工作人员',
    });
    const code = await this.posterCode(community);
    const { pdf, pageCount, overflowPt } = await renderNoticeBoard(
      {
        communityName,
        notIssue: inOrder('not_issue').map(poster),
        issue: inOrder('issue').map(poster),
        catalogVersion: snap.index.version,
        generatedOn: today,
        code,
        unverified: visible.some((v) => v.content.inferredFields.length > 0 && !v.content.lastReviewedOn),
      },
      font.bytes,
      font.family,
    );
    // the rows run into the footer: someone made a route line or a list much longer; the poster is still printed
    if (overflowPt > 0) this.log.warn({ community, overflowPt }, 'notice-board poster rows run past the footer line');
    return { pdf, pageCount, itemCount: visible.length, codeMissing: code.kind === 'missing' };
  }

  // what residents scan: a 小程序码 opening the mini-program with the community in its scene (weapp), or a QR code of
  // the H5 address (h5; none when no address is configured)
  private async posterCode(community: string): Promise<PosterCode> {
    const setting = this.config.catalog.boardCode;
    if (setting.kind === 'h5') return this.config.catalog.boardAppUrl ? { kind: 'qr', url: this.config.catalog.boardAppUrl } : { kind: 'none' };
    const got = await this.wxaCodes.unlimited({ scene: `c=${community}`, page: setting.page, width: 430, envVersion: setting.envVersion });
    if (got.kind === 'image') return { kind: 'wxacode', image: got.bytes };
    this.log.warn({ community, reason: got.reason }, 'notice-board poster printed without its 小程序码');
    return { kind: 'missing' };
  }

  private remember(key: string, r: Rendered) {
    this.cache.delete(key);
    this.cache.set(key, r);
    if (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
  }

  // the system CJK font (Debian: fonts-noto-cjk) unless CATALOG_NOTICE_FONT names another (ttf / otf / ttc / woff)
  private font(): { path: string; bytes: Buffer; family: string | undefined } {
    const { path, family } = this.config.catalog.noticeFont;
    const bytes = loadFont(path);
    if (!bytes) throw new DomainError(ErrorCode.NoticeFontMissing, 'no CJK font for the notice board (set CATALOG_NOTICE_FONT)');
    return { path, bytes, family: path.endsWith('.ttc') ? family : undefined };
  }
}
