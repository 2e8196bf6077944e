import Taro from '@tarojs/taro';
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { CatalogList, SearchResultView } from '@jianban/shared';
import { PageShell, Section } from '../../components/PageShell';
import { Cell, CellGroup } from '../../components/Cell';
import { Notice } from '../../components/Notice';
import { Button } from '../../components/Button';
import { ElderSwitch } from '../../components/ElderSwitch';
import { SearchBox } from '../../components/SearchBox';
import { Tabs } from '../../components/Tabs';
import { ItemList } from '../../features/catalog/components/ItemList';
import { AskStaff } from '../../features/catalog/components/AskStaff';
import { useCatalogLists, useCatalogSearch } from '../../features/catalog/hooks';
import { cleanQuery, SEARCH_DEBOUNCE_MS, SEARCH_INPUT_MAX, whyMatched } from '../../features/catalog/search';
import { useDebounced } from '../../features/catalog/useDebounced';
import { HOME_TABS, LIST_TAB_TEXT } from '../../features/catalog/text';
import { BOOKING_START, CATALOG_PAGES } from '../../features/catalog/urls';
import { ALLOWANCE_HOME_PAGE } from '../../features/allowance/pages';
import { a11y } from '../../components/a11y';
import { QueryState } from '../../components/QueryState';

function Results({ data }: { data: SearchResultView }) {
  if (data.noMatch) {
    return (
      <Section title={`没有找到“${data.query}”`}>
        <AskStaff text={data.askStaff.text} where={data.askStaff.where} />
        {data.closest.length ? (
          <>
            <Notice>下面几项比较接近，看看是不是您要找的：</Notice>
            <ItemList rows={data.closest.map((item) => ({ item }))} />
          </>
        ) : null}
      </Section>
    );
  }
  return (
    <Section title={`找到${data.results.length}项`}>
      <ItemList
        rows={data.results.map((hit) =>
          hit.kind === 'service' ? { service: hit.service, note: whyMatched(hit, data.query) } : { item: hit.item, note: whyMatched(hit, data.query) },
        )}
      />
      <AskStaff title="不是您要的？还可以问工作人员" text={data.askStaff.text} where={data.askStaff.where} />
    </Section>
  );
}

function Search({ query }: { query: string }) {
  const search = useCatalogSearch(query);
  if (search.isPending || search.isError) return <QueryState query={search} loading="正在查…" errorTitle="没有查成" />;
  return <Results data={search.data} />;
}

function Lists() {
  const [tab, setTab] = useState<CatalogList>('not_issue');
  const lists = useCatalogLists();
  const group = lists.data?.lists.find((l) => l.list === tab);
  const count = (l: CatalogList) => lists.data?.lists.find((g) => g.list === l)?.total;
  return (
    <Section title="两张清单">
      <Tabs
        label="两张清单"
        value={tab}
        onChange={setTab}
        options={HOME_TABS.map((l) => ({ value: l, label: count(l) === undefined ? LIST_TAB_TEXT[l] : `${LIST_TAB_TEXT[l]}（${count(l)}项）` }))}
      />
      <QueryState query={lists} loading="正在读取清单…" errorTitle="清单没有读出来" />
      {group ? (
        <View {...a11y('tabpanel', { label: LIST_TAB_TEXT[tab] })}>
          {tab === 'not_issue' ? <Notice>这些证明社区已经不再开具。点开能看到现在该怎么办。</Notice> : <Notice>这些证明社区还可以开。点开能看到要带什么材料。</Notice>}
          {/* the district has not published its own still-issued list yet: said plainly (issue 14) */}
          {group.note ? <Notice>{group.note}</Notice> : null}
          {group.categories.map((c) => (
            <Section key={c.name} title={c.name}>
              <ItemList rows={c.items.map((item) => ({ item }))} showTag={false} />
            </Section>
          ))}
        </View>
      ) : null}
    </Section>
  );
}

export default function HomePage() {
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState('');
  const typed = useDebounced(cleanQuery(text), SEARCH_DEBOUNCE_MS);
  // the 查一查 button searches at once; typing searches after a short pause
  const query = cleanQuery(text) === submitted ? submitted : typed;

  return (
    <PageShell>
      <SearchBox
        label="想开什么证明？"
        hint="问一句就行，说平常的叫法也能找到。"
        placeholder="比如：活着证明"
        value={text}
        maxlength={SEARCH_INPUT_MAX}
        onChange={setText}
        onSearch={(v) => {
          setText(v);
          setSubmitted(cleanQuery(v));
        }}
      />
      {query ? (
        <>
          <Search query={query} />
          <Button
            variant="secondary"
            onClick={() => {
              setText('');
              setSubmitted('');
            }}
          >
            清空，看全部清单
          </Button>
        </>
      ) : (
        <Lists />
      )}

      <Section title="其他事项">
        <CellGroup>
          <Cell large title="预约办事" description="在手机上约好时间，到社区不用排队。" onClick={() => void Taro.navigateTo({ url: BOOKING_START })} />
          <Cell large title="高龄津贴" description="80岁以上老人每月可以领。在手机上替家里老人申请，不用开证明。" onClick={() => void Taro.navigateTo({ url: ALLOWANCE_HOME_PAGE })} />
          <Cell title="有人要我开不该开的证明" description="告诉区里，我们去核实" onClick={() => void Taro.navigateTo({ url: CATALOG_PAGES.report })} />
          <Cell title="我的反映" description="看看处理到哪一步了" onClick={() => void Taro.navigateTo({ url: CATALOG_PAGES.myReports })} />
          <Cell title="村（社区）工作清单" description="社区该做什么、协助做什么、不该做什么" onClick={() => void Taro.navigateTo({ url: CATALOG_PAGES.workLists })} />
        </CellGroup>
      </Section>
      <ElderSwitch />
    </PageShell>
  );
}
