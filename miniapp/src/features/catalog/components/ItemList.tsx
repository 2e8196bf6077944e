import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { CatalogItemSummary, SearchServiceSummary } from '@jianban/shared';
import { itemUrl, SERVICE_PAGES } from '../urls';
import { LIST_TAG } from '../text';
import { shortSummary } from '../search';

const MATERIALS_MAX = 80;
import styles from './catalog.module.scss';
import { a11y } from '../../../components/a11y';

export interface ItemRow {
  item: CatalogItemSummary;
  /** e.g. why a search result matched */
  note?: string | null;
}
/** a service found by a search (预约办事, 高龄津贴 …): opens the service's own page */
export interface ServiceRow {
  service: SearchServiceSummary;
  note?: string | null;
}

function ServiceRowView({ service, note }: ServiceRow) {
  return (
    <View
      className={styles.row}
      hoverClass={styles.pressed}
      onClick={() => void Taro.navigateTo({ url: SERVICE_PAGES[service.id] })}
      {...a11y('button')}
    >
      <View className={styles.rowMain}>
        <Text className={styles.rowTitle}>{service.title}</Text>
        <Text className={`${styles.tag} ${styles.tagIssue}`}>{service.available ? '办事服务' : '办事服务 · 还没上线'}</Text>
        {note ? <Text className={styles.rowNote}>{note}</Text> : null}
        <Text className={styles.rowSummary}>{service.description}</Text>
      </View>
      <Text className={styles.arrow} aria-hidden>
        ›
      </Text>
    </View>
  );
}

/** certificate rows (and services found by a search), full width; tapping one opens its page */
export function ItemList({ rows, community, showTag = true }: { rows: readonly (ItemRow | ServiceRow)[]; community?: string; showTag?: boolean }) {
  return (
    <View className={styles.rows} {...a11y('list')}>
      {rows.map((row) => {
        if ('service' in row) {
          return (
            <View key={`service:${row.service.id}`} className={styles.item} {...a11y('listitem')}>
              <ServiceRowView service={row.service} note={row.note} />
            </View>
          );
        }
        const { item, note } = row;
        const not = item.list === 'not_issue';
        // still-issued rows list every material (the server sends them all); none written down yet is said plainly
        const summary = not ? shortSummary(item.routeSummary) : shortSummary(item.routeSummary, MATERIALS_MAX);
        return (
          <View key={item.code} className={styles.item} {...a11y('listitem')}>
          <View
            className={styles.row}
            hoverClass={styles.pressed}
            onClick={() => void Taro.navigateTo({ url: itemUrl(item.code, community) })}
            {...a11y('button')}
          >
            <View className={styles.rowMain}>
              <Text className={styles.rowTitle}>{item.name}</Text>
              {showTag ? <Text className={`${styles.tag} ${not ? styles.tagNot : styles.tagIssue}`}>{`${not ? '✗' : '✓'} ${LIST_TAG[item.list]}`}</Text> : null}
              {note ? <Text className={styles.rowNote}>{note}</Text> : null}
              {summary ? <Text className={styles.rowSummary}>{not ? `现在：${summary}` : `要带：${summary}`}</Text> : null}
              {!summary && !not ? <Text className={styles.rowSummary}>还没写明要带什么，请先问社区工作人员</Text> : null}
            </View>
            <Text className={styles.arrow} aria-hidden>
              ›
            </Text>
          </View>
          </View>
        );
      })}
    </View>
  );
}
