import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CatalogList } from '@jianban/shared';
import { useAdoptItem, useNotAdoptedItems } from '../../../../features/catalog/not-adopted';
import { PageShell, Section } from '../../../../components/PageShell';
import { Cell, CellGroup } from '../../../../components/Cell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { Tabs } from '../../../../components/Tabs';
import { ownCommunity, StaffOnly, type StaffMe } from '../../../../features/catalog/components/StaffOnly';
import { useCatalogLists } from '../../../../features/catalog/hooks';
import { HOME_TABS, LIST_TAB_TEXT } from '../../../../features/catalog/text';
import { pageUrl } from '../../../../features/catalog/urls';
import { messageFor } from '../../../../features/errors/messages';

function Items({ me }: { me: StaffMe }) {
  const community = ownCommunity(me);
  const [tab, setTab] = useState<CatalogList>('not_issue');
  const [filter, setFilter] = useState('');
  const lists = useCatalogLists(community);
  const group = lists.data?.lists.find((l) => l.list === tab);
  const f = filter.trim();
  const canAdd = me.role === 'district_admin' || me.role === 'community_staff';
  const edit = me.role === 'district_admin' ? '点开修改' : '点开查看，可提修改建议';
  return (
    <PageShell title="证明事项清单" intro={`居民在“简办”里查到的内容。${edit}；每次修改都会留下记录。`}>
      {canAdd ? (
        <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: pageUrl('staffNew') })}>
          新增本社区应当出具的事项
        </Button>
      ) : null}
      <Tabs label="清单" value={tab} onChange={setTab} options={HOME_TABS.map((l) => ({ value: l, label: LIST_TAB_TEXT[l] }))} />
      <Field label="按名称找" value={filter} onChange={setFilter} placeholder="比如：健在" />
      {lists.isPending ? <Notice>正在读取…</Notice> : null}
      {lists.isError ? <Notice tone="error" title="没有读出来">{messageFor(lists.error)}</Notice> : null}
      {group?.categories.map((c) => {
        const items = c.items.filter((i) => !f || i.name.includes(f) || i.aliases.some((a) => a.includes(f)));
        if (!items.length) return null;
        return (
          <Section key={c.name} title={c.name}>
            <CellGroup>
              {items.map((i) => (
                <Cell
                  key={i.code}
                  title={i.name}
                  description={`${i.code} · ${i.scope === 'community' ? '本社区事项' : '区里的事项'}${i.inferred ? ' · 含推断内容' : ''}`}
                  onClick={() => void Taro.navigateTo({ url: pageUrl('staffEdit', { code: i.code }) })}
                />
              ))}
            </CellGroup>
          </Section>
        );
      })}
      <NotAdopted me={me} />
    </PageShell>
  );
}

// other places' items (issue 14): residents never see them; the district admin may adopt one for 荆州区 (a versioned
// edit: who and when are in its history).
function NotAdopted({ me }: { me: StaffMe }) {
  const items = useNotAdoptedItems();
  const adopt = useAdoptItem();
  const isAdmin = me.role === 'district_admin';
  const confirm = async (i: { code: string; name: string; version: number }) => {
    const r = await Taro.showModal({ title: '采用这一项？', content: `采用后，“${i.name}”会出现在居民的清单、搜索和公示牌上。请先确认荆州区也这样办。`, confirmText: '采用', cancelText: '先不采用' });
    if (r.confirm) adopt.mutate(i);
  };
  if (!items.data?.items.length) return null;
  return (
    <Section title="其他地方的做法，区里还没采用">
      <Notice>这些事项来自外省或外市的清单，居民看不到。{isAdmin ? '确认荆州区也这样办后可以采用；采用会记下是谁、什么时候采用的。' : '是否采用由区管理员决定。'}</Notice>
      {adopt.isError ? <Notice tone="error" title="没有采用成功">{messageFor(adopt.error)}</Notice> : null}
      <CellGroup>
        {items.data.items.map((i) => (
          <Cell key={i.code} title={i.name} description={`${i.note}（点开可查看、修改）`} onClick={() => void Taro.navigateTo({ url: pageUrl('staffEdit', { code: i.code }) })} />
        ))}
      </CellGroup>
      {isAdmin
        ? items.data.items.map((i) => (
            <Button key={i.code} variant="secondary" loading={adopt.isPending && adopt.variables?.code === i.code} onClick={() => void confirm(i)} a11yLabel={`采用：${i.name}`}>
              {`采用：${i.name}`}
            </Button>
          ))
        : null}
    </Section>
  );
}

export default function StaffItemsPage() {
  return <StaffOnly title="证明事项清单">{(me) => <Items me={me} />}</StaffOnly>;
}
