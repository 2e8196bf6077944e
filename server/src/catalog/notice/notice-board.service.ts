import { Injectable } from '@nestjs/common';
import { ErrorCode, type NoticeBoardView } from '@jianban/shared';
import { AppConfig } from '../../common/config';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db';
import { DomainError } from '../../common/domain-error';
import type { Caller } from '../../identity/caller';
import { RegionScope } from '../../identity/region.scope';
import { DISTRICT_OWNER, inferredNote, parseContent } from '../catalog.mapper';
import { CatalogIndexService, type IndexSnapshot } from '../search/catalog-index.service';
import { loadFont, renderNoticeBoard, type NoticeItem } from './notice-board.renderer';

type Staff = Extract<Caller, { kind: 'staff' }>;

const CACHE_MAX = 16;
interface Rendered {
  pdf: Buffer;
  pageCount: number;
  itemCount: number;
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
  ) {}

  async render(staff: Staff, community: string): Promise<NoticeBoardView> {
    const region = await this.db.read((m) => this.regions.assertCovers(m, staff, community));
    if (region.level !== 'community') throw new DomainError(ErrorCode.CommunityNotFound, `${community} is not a community`);
    const font = this.font();
    const snap = await this.index.current();
    const today = this.clock.today();
    const key = `${community}|${snap.index.version}|${today}|${font.path}`;
    const rendered = this.cache.get(key) ?? (await this.renderFresh(region.name, community, snap, today, font));
    this.remember(key, rendered);
    const { pdf, pageCount, itemCount } = rendered;
    return {
      fileName: `notice-board-${community}-${today}.pdf`,
      contentType: 'application/pdf',
      base64: pdf.toString('base64'),
      sizeBytes: pdf.length,
      pageCount,
      itemCount,
      catalogVersion: snap.index.version,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  private async renderFresh(communityName: string, community: string, snap: IndexSnapshot, today: string, font: { bytes: Buffer; family: string | undefined }): Promise<Rendered> {
    const items: NoticeItem[] = [...snap.rows.values()]
      .filter((r) => r.owner === DISTRICT_OWNER || r.owner === community)
      .map((r) => {
        const content = parseContent(r);
        return { code: r.code, content, inferredNote: inferredNote(content.inferredFields) };
      });
    const { pdf, pageCount } = await renderNoticeBoard(
      {
        communityName,
        issue: items.filter((i) => i.content.list === 'issue'),
        notIssue: items.filter((i) => i.content.list === 'not_issue'),
        catalogVersion: snap.index.version,
        generatedOn: today,
      },
      font.bytes,
      font.family,
    );
    return { pdf, pageCount, itemCount: items.length };
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
