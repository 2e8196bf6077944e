import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { CatalogItemSummary } from '@jianban/shared';
import { itemUrl } from '../urls';
import { LIST_TAG } from '../text';
import { shortSummary } from '../search';
import styles from './catalog.module.scss';
import { a11y } from '../../../components/a11y';

export interface ItemRow {
  item: CatalogItemSummary;
  /** e.g. why a search result matched */
  note?: string | null;
}

/** certificate rows, full width; tapping one opens its page */
export function ItemList({ rows, community, showTag = true }: { rows: readonly ItemRow[]; community?: string; showTag?: boolean }) {
  return (
    <View className={styles.rows} {...a11y('list')}>
      {rows.map(({ item, note }) => {
        const summary = shortSummary(item.routeSummary);
        const not = item.list === 'not_issue';
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
