import { useState } from 'react';
import type { SearchServiceId, ServiceWordsView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { TextArea } from '../../../../components/TextArea';
import { Cell, CellGroup } from '../../../../components/Cell';
import { Tabs } from '../../../../components/Tabs';
import { StaffOnly, type StaffMe } from '../../../../features/catalog/components/StaffOnly';
import { useServiceWords, useServiceWordsHistory, useUpdateServiceWords } from '../../../../features/catalog/service-words-hooks';
import { SERVICE_WORDS_HINT, serviceWordsFromText, serviceWordsProblems, serviceWordsToText } from '../../../../features/catalog/service-words-form';
import { formatTime } from '../../../../features/catalog/search';
import { messageFor } from '../../../../features/errors/messages';

function History({ service }: { service: SearchServiceId }) {
  const h = useServiceWordsHistory(service);
  if (h.isPending) return <Notice>正在读取修改记录…</Notice>;
  if (h.isError) return <Notice tone="error" title="修改记录没有读出来">{messageFor(h.error)}</Notice>;
  return (
    <Section title="修改记录">
      <CellGroup>
        {h.data.versions.map((v) => (
          <Cell
            key={v.version}
            title={`第 ${v.version} 版 · ${formatTime(v.editedAt)} · ${v.editedBy ? v.editedBy.displayName : '初始导入'}`}
            description={[v.changeNote, v.added.length ? `加了：${v.added.join('、')}` : '', v.removed.length ? `删了：${v.removed.join('、')}` : ''].filter(Boolean).join('；')}
          />
        ))}
      </CellGroup>
    </Section>
  );
}

function Editor({ entry, canEdit }: { entry: ServiceWordsView; canEdit: boolean }) {
  const [text, setText] = useState(serviceWordsToText(entry.words));
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const save = useUpdateServiceWords();
  const words = serviceWordsFromText(text, entry.words);
  const problems = tried ? serviceWordsProblems(words, note) : {};
  const submit = () => {
    setTried(true);
    if (Object.keys(serviceWordsProblems(words, note)).length) return;
    save.mutate({ service: entry.service, input: { baseVersion: entry.version, words, changeNote: note.trim() } });
  };
  const touched = () => save.reset();
  const editor = entry.updatedBy ? `，${entry.updatedBy.displayName}修改` : '';
  return (
    <Section title={`居民怎么问到“${entry.title}”`}>
      <Notice>{`第 ${entry.version} 版，更新于 ${formatTime(entry.updatedAt)}${editor}。居民搜索时说到这些词，就会看到“${entry.title}”。保存后马上生效，每次修改都留下记录。`}</Notice>
      {canEdit ? (
        <>
          <TextArea label="搜索用词（一行一个）" value={text} onChange={(v) => { setText(v); touched(); }} maxlength={4000} hint={`${SERVICE_WORDS_HINT}现在有 ${words.length} 个词。`} error={problems.words} />
          <Field label="为什么修改" value={note} onChange={(v) => { setNote(v); touched(); }} maxlength={300} placeholder="比如：居民常这样问" error={problems.changeNote} />
          {save.isError ? <Notice tone="error" title="没有保存">{messageFor(save.error)}</Notice> : null}
          {save.isSuccess ? <Notice tone="success" title="已保存">{`“${entry.title}”的搜索用词现在是第 ${save.data.version} 版，共 ${save.data.words.length} 个词。`}</Notice> : null}
          <Button loading={save.isPending} onClick={submit}>保存修改</Button>
        </>
      ) : (
        <>
          <Notice>只有区管理员可以修改；有建议请联系区里。</Notice>
          <CellGroup>
            {entry.words.map((w) => (
              <Cell key={w.word} title={w.word} description={`${w.kind === 'name' ? '服务的叫法' : '问到的事'}${w.source ? ` · 来源：${w.source}` : ''}`} />
            ))}
          </CellGroup>
        </>
      )}
    </Section>
  );
}

function ServiceWords({ me }: { me: StaffMe }) {
  const list = useServiceWords();
  const [service, setService] = useState<SearchServiceId>('allowance');
  const entry = list.data?.services.find((s) => s.service === service);
  return (
    <PageShell title="搜索里的服务用词" intro="居民在首页搜索时，说到这些词就会看到对应的服务（高龄津贴、预约办事、反映乱开证明、工作清单），而不是证明事项。">
      {list.data ? <Tabs label="哪项服务" value={service} onChange={setService} options={list.data.services.map((s) => ({ value: s.service, label: s.title }))} /> : null}
      {list.isPending ? <Notice>正在读取…</Notice> : null}
      {list.isError ? <Notice tone="error" title="没有读出来">{messageFor(list.error)}</Notice> : null}
      {/* a new Editor per service; after a save it keeps what was typed (and says so) and saves against the refreshed version */}
      {entry ? <Editor key={entry.service} entry={entry} canEdit={me.role === 'district_admin'} /> : null}
      {entry ? <History key={`h-${entry.service}`} service={entry.service} /> : null}
    </PageShell>
  );
}

export default function StaffServiceWordsPage() {
  return <StaffOnly title="搜索里的服务用词">{(me) => <ServiceWords me={me} />}</StaffOnly>;
}
