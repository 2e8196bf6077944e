import { useState } from 'react';
import { WORK_LIST_TEXT, workListKinds, type WorkListKind, type WorkListView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { TextArea } from '../../../../components/TextArea';
import { OptionGroup } from '../../../../components/OptionGroup';
import { Tabs } from '../../../../components/Tabs';
import { StaffOnly } from '../../../../features/catalog/components/StaffOnly';
import { useUpdateWorkList, useWorkLists } from '../../../../features/catalog/hooks';
import { formatTime } from '../../../../features/catalog/search';
import { linesOf, workListProblems } from '../../../../features/catalog/work-list-form';
import { messageFor } from '../../../../features/errors/messages';

type Status = 'example' | 'official';

// one list at a time: its title, a note for residents, the entries one per line, and whether it is still an example
function Editor({ list }: { list: WorkListView }) {
  const [title, setTitle] = useState(list.title);
  const [note, setNote] = useState(list.note ?? '');
  const [text, setText] = useState(list.entries.join('\n'));
  const [status, setStatus] = useState<Status>(list.example ? 'example' : 'official');
  const [tried, setTried] = useState(false);
  const save = useUpdateWorkList();
  const entries = linesOf(text);
  const problems = tried ? workListProblems({ title, note, entries }) : {};
  const submit = () => {
    setTried(true);
    if (Object.keys(workListProblems({ title, note, entries })).length) return;
    save.mutate({ kind: list.kind, input: { title: title.trim(), note: note.trim() || null, entries, example: status === 'example', baseVersion: list.version } });
  };
  const touched = () => save.reset();
  return (
    <Section title={`修改${WORK_LIST_TEXT[list.kind]}`}>
      <Notice>{`第 ${list.version} 版，更新于 ${formatTime(list.updatedAt)}。保存后居民马上看到新内容。`}</Notice>
      <Field label="清单名称" value={title} onChange={(v) => { setTitle(v); touched(); }} maxlength={40} error={problems.title} />
      <TextArea label="写给居民的说明（可以不填）" value={note} onChange={(v) => { setNote(v); touched(); }} maxlength={500} error={problems.note} />
      <TextArea
        label="清单内容（一行一项）"
        value={text}
        onChange={(v) => { setText(v); touched(); }}
        maxlength={20000}
        hint={`现在有 ${entries.length} 项`}
        error={problems.entries}
      />
      <OptionGroup<Status>
        label="这张清单是"
        options={[
          { value: 'official', label: '荆州区正式公布的清单' },
          { value: 'example', label: '示例（居民会看到“这是示例”的提示）' },
        ]}
        value={status}
        onChange={(v) => { setStatus(v); touched(); }}
      />
      {save.isError ? <Notice tone="error" title="没有保存">{messageFor(save.error)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success" title="已保存">{`${WORK_LIST_TEXT[list.kind]}现在是第 ${save.data.version} 版，共 ${save.data.entries.length} 项。`}</Notice> : null}
      <Button loading={save.isPending} onClick={submit}>保存修改</Button>
    </Section>
  );
}

function WorkLists() {
  const [kind, setKind] = useState<WorkListKind>('primary');
  const lists = useWorkLists();
  const list = lists.data?.lists.find((l) => l.kind === kind);
  return (
    <PageShell title="修改工作清单" intro="村（社区）的主责清单、协助清单和负面清单，居民在“村（社区）工作清单”里看到。请录入荆州区正式公布的内容。">
      <Tabs label="哪张清单" value={kind} onChange={setKind} options={workListKinds.map((k) => ({ value: k, label: WORK_LIST_TEXT[k] }))} />
      {lists.isPending ? <Notice>正在读取…</Notice> : null}
      {lists.isError ? <Notice tone="error" title="没有读出来">{messageFor(lists.error)}</Notice> : null}
      {/* a new Editor per list; after a save it keeps what was typed and saves against the refreshed version */}
      {list ? <Editor key={list.kind} list={list} /> : null}
    </PageShell>
  );
}

export default function StaffWorkListsPage() {
  return <StaffOnly title="修改工作清单" roles={['district_admin']}>{() => <WorkLists />}</StaffOnly>;
}
