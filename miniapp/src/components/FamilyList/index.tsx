import { View, Text } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { RELATIONSHIP_TEXT, type FamilyMemberView } from '@jianban/shared';
import { verificationText } from '../../features/family/verification';
import { Button } from '../Button';
import { Notice } from '../Notice';
import styles from './index.module.scss';
import { a11y } from '../a11y';

/** the details under a name, as pieces that never break inside ("91岁" stays together) */
export function familyMemberDetails(m: FamilyMemberView): string[] {
  return [`身份证 ${m.idNumberMasked}`, `${m.age}岁`, m.community.name];
}

export interface FamilyListProps {
  items: readonly FamilyMemberView[];
  /** removes one member; rejects with an ApiError, turned into text by `errorText` */
  onRemove?: (m: FamilyMemberView) => Promise<void>;
  errorText?: (err: unknown) => string;
  /** opens the page that explains how to get this family member verified */
  onVerify?: (m: FamilyMemberView) => void;
  /** what else the page shows under a member (e.g. the allowance links of 我的) */
  extra?: (m: FamilyMemberView) => ReactNode;
}


/**
 * 我代办的家人. 移除 asks on the same screen (the row opens a confirmation, no pop-up),
 * so nobody removes a family member by one stray tap.
 */
export function FamilyList({ items, onRemove, errorText, onVerify, extra }: FamilyListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (items.length === 0) {
    return <Notice title="还没有添加家人">添加后，就可以替家里老人查证明、约办事。</Notice>;
  }

  const ask = (id: string | null) => {
    setConfirming(id);
    setError(null);
  };
  const remove = async (m: FamilyMemberView) => {
    if (!onRemove) return;
    setBusy(true);
    setError(null);
    try {
      await onRemove(m);
      setConfirming(null);
    } catch (err) {
      setError(errorText ? errorText(err) : '没有移除成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={styles.group} {...a11y('list')}>
      {items.map((m) => {
        const open = confirming === m.id;
        return (
          <View key={m.id} className={`${styles.item}${open ? ` ${styles.open}` : ''}`} {...a11y('listitem')}>
            <View className={styles.row}>
              <Text className={styles.title}>{`${m.name}（${RELATIONSHIP_TEXT[m.relationship]}）`}</Text>
              {onRemove && !open ? (
                <Button variant="secondary" small inline a11yLabel={`移除 ${m.name}`} onClick={() => ask(m.id)}>
                  移除
                </Button>
              ) : null}
            </View>
            <View className={styles.details}>
              {familyMemberDetails(m).map((piece, i, all) => (
                <Text key={i} className={styles.piece}>
                  {i < all.length - 1 ? `${piece} ·` : piece}
                </Text>
              ))}
            </View>
            <Verification m={m} onVerify={onVerify} />
            {extra ? extra(m) : null}
            {open ? (
              <View className={styles.confirm} {...a11y('group', { label: `移除 ${m.name}` })}>
                <Text className={styles.question}>{`确定不再代办 ${m.name} 吗？`}</Text>
                <Text className={styles.explain}>移除后不能再替这位家人办事。以后需要时，可以重新添加。</Text>
                {error ? (
                  <Text className={styles.error} {...a11y('alert')}>
                    ✗ {error}
                  </Text>
                ) : null}
                <View className={styles.actions}>
                  <Button variant="danger" loading={busy} onClick={() => void remove(m)}>
                    确定移除
                  </Button>
                  <Button variant="secondary" disabled={busy} onClick={() => ask(null)}>
                    不移除
                  </Button>
                </View>
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}

function Verification({ m, onVerify }: { m: FamilyMemberView; onVerify?: (m: FamilyMemberView) => void }) {
  const v = verificationText(m);
  return (
    <View className={styles.verification}>
      <Text className={`${styles.badge} ${styles[v.tone]}`}>{v.tone === 'ok' ? `✓ ${v.label}` : v.label}</Text>
      {v.explain ? <Text className={styles.explainSmall}>{v.explain}</Text> : null}
      {v.tone === 'todo' && onVerify ? (
        <Button variant="secondary" small inline a11yLabel={`核验 ${m.name}`} onClick={() => onVerify(m)}>
          去核验
        </Button>
      ) : null}
    </View>
  );
}
