import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { TextArea } from '../../../../components/TextArea';
import { OptionGroup } from '../../../../components/OptionGroup';
import { signInResident, useSession } from '../../../../services/session';
import { issuesByField } from '../../../../services/api-error';
import { useCatalogItem, useCatalogLists, useCreateDemandReport } from '../../../../features/catalog/hooks';
import { checkReport, NOTE_MAX, PLACE_MAX, todayInShanghai, WHEN_OPTIONS, type ReportField, type ReportForm } from '../../../../features/catalog/report-form';
import { pageUrl, param } from '../../../../features/catalog/urls';
import { formatDay } from '../../../../features/catalog/search';
import { messageFor } from '../../../../features/errors/messages';
import type { DemandReportView } from '@jianban/shared';

const FIELDS = ['itemCode', 'place', 'happenedOn', 'note'] as const;

/** which certificate: fixed when the page was opened from one, else chosen from the should-not-issue list */
function WhichItem({ code, onChange, error }: { code: string; onChange: (c: string) => void; error?: string }) {
  const fixed = useCatalogItem(code);
  const lists = useCatalogLists('', 'not_issue');
  if (code && fixed.data && fixed.data.list === 'not_issue') {
    return (
      <Section title="要您开的是">
        <Notice title={fixed.data.name}>社区已经不再开具这张证明。</Notice>
        <Button variant="link" small onClick={() => onChange('')}>
          不是这张，换一张
        </Button>
      </Section>
    );
  }
  const items = lists.data?.lists.flatMap((l) => l.categories.flatMap((c) => c.items)) ?? [];
  return (
    <>
      {lists.isPending ? <Notice>正在读取清单…</Notice> : null}
      {lists.isError ? <Notice tone="error" title="清单没有读出来">{messageFor(lists.error)}</Notice> : null}
      <OptionGroup label="要您开的是哪张证明？" options={items.map((i) => ({ value: i.code, label: i.name }))} value={code} onChange={onChange} error={error} />
    </>
  );
}

function Done({ report }: { report: DemandReportView }) {
  return (
    <PageShell title="已经收到">
      <Notice tone="success" title="谢谢您，区里已经收到">
        {`${report.item.name}，${report.place ?? report.community?.name ?? ''}，${formatDay(report.happenedOn)}。区里核实后，会在“我的反映”里告诉您结果。`}
      </Notice>
      <Button onClick={() => void Taro.redirectTo({ url: pageUrl('myReports') })}>看我的反映</Button>
      <Button variant="secondary" onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>回首页</Button>
    </PageShell>
  );
}

export default function ReportDemandPage() {
  const { status, me } = useSession();
  const initial = param(Taro.getCurrentInstance().router?.params?.code);
  const [form, setForm] = useState<ReportForm>({ itemCode: initial, place: '', when: '', day: '', note: '' });
  const [errors, setErrors] = useState<Partial<Record<ReportField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<DemandReportView | null>(null);
  const create = useCreateDemandReport();
  // a changed answer drops its old message (the next 提交 checks again)
  const set = <K extends keyof ReportForm>(k: K, v: ReportForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined, ...(k === 'when' ? { day: undefined } : {}) }));
  };

  if (done) return <Done report={done} />;
  if (status === 'loading') return <PageShell title="反映情况"><Notice>正在登录…</Notice></PageShell>;
  if (me?.kind !== 'resident') {
    return (
      <PageShell title="反映情况">
        <Notice title="请先登录">居民登录后才能反映情况，这样区里处理后能告诉您结果。</Notice>
        {me?.kind !== 'staff' ? <Button onClick={() => void signInResident()}>微信登录</Button> : null}
      </PageShell>
    );
  }

  const submit = async () => {
    setGeneral(null);
    const check = checkReport(form, todayInShanghai());
    if (!check.ok) return setErrors(check.errors);
    setErrors({});
    try {
      setDone(await create.mutateAsync(check.input));
    } catch (err) {
      const f = issuesByField(err, FIELDS).fields;
      setErrors({ itemCode: f.itemCode, place: f.place, day: f.happenedOn, note: f.note });
      setGeneral(messageFor(err));
    }
  };

  return (
    <PageShell title="有人要我开社区不再开的证明" intro="告诉区里是哪张证明、在哪里、哪一天。区里会去核实，处理结果在“我的反映”里看。">
      <WhichItem code={form.itemCode} onChange={(c) => set('itemCode', c)} error={errors.itemCode} />
      <Field label="在哪里被要求的？" placeholder="比如：某某银行城南支行" value={form.place} maxlength={PLACE_MAX} onChange={(v) => set('place', v)} error={errors.place} />
      <OptionGroup label="是哪一天？" options={WHEN_OPTIONS} value={form.when} onChange={(v) => set('when', v)} error={errors.when} columns={2} />
      {form.when === 'earlier' ? (
        <Field label="哪一天？" placeholder="比如：11月20日" value={form.day} maxlength={20} onChange={(v) => set('day', v)} error={errors.day} />
      ) : errors.day ? (
        <Notice tone="error">{errors.day}</Notice>
      ) : null}
      <TextArea label="还想说点什么？（可以不填）" value={form.note} maxlength={NOTE_MAX} onChange={(v) => set('note', v)} error={errors.note} hint="比如：对方是怎么说的" />
      {general ? <Notice tone="error" title="没有提交成功">{general}</Notice> : null}
      <Button loading={create.isPending} onClick={() => void submit()}>
        提交给区里
      </Button>
    </PageShell>
  );
}
