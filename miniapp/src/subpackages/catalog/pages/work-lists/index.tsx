import { useState } from 'react';
import { WORK_LIST_TEXT, workListKinds, type WorkListKind } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Tabs } from '../../../../components/Tabs';
import { Steps } from '../../../../components/Steps';
import { useWorkLists } from '../../../../features/catalog/hooks';
import { formatTime } from '../../../../features/catalog/search';
import { QueryState } from '../../../../components/QueryState';

const WHAT: Record<WorkListKind, string> = {
  primary: '村（社区）自己负责做的事。',
  assist: '村（社区）协助上级部门做的事。',
  negative: '不该交给村（社区）做的事。遇到这些，可以向街道或区里反映。',
};

export default function WorkListsPage() {
  const [kind, setKind] = useState<WorkListKind>('primary');
  const lists = useWorkLists();
  const list = lists.data?.lists.find((l) => l.kind === kind);
  return (
    <PageShell title="村（社区）工作清单" intro="村（社区）该做什么、协助做什么、不该做什么。">
      <Tabs label="工作清单" value={kind} onChange={setKind} options={workListKinds.map((k) => ({ value: k, label: WORK_LIST_TEXT[k] }))} />
      <QueryState query={lists} />
      {list ? (
        <Section title={list.title}>
          <Notice>{WHAT[list.kind]}</Notice>
          {list.example ? (
            <Notice tone="soon" title="这是示例">荆州区自己的清单还没有录入，下面是参考其他地方整理的示例，以区里公布的为准。</Notice>
          ) : null}
          {list.note ? <Notice>{list.note}</Notice> : null}
          {list.entries.length ? <Steps steps={list.entries} label={list.title} /> : <Notice>这张清单还没有内容。</Notice>}
          <Notice>{`更新于 ${formatTime(list.updatedAt)}`}</Notice>
        </Section>
      ) : null}
    </PageShell>
  );
}
