import Taro from '@tarojs/taro';
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { CATALOG_LIST_TEXT, catalogLists, OTHER_PLACE_NOT_ADOPTED_TEXT, type CatalogItemDetail, type StaffCatalogItemView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { TextArea } from '../../../../components/TextArea';
import { OptionGroup } from '../../../../components/OptionGroup';
import { ownCommunity, StaffOnly, type StaffMe } from '../../../../features/catalog/components/StaffOnly';
import { useItemHistory, useProposeChange, useUpdateItem } from '../../../../features/catalog/hooks';
import { useAdoptItem, useStaffCatalogItem } from '../../../../features/catalog/not-adopted';
import { changedFieldsText, changeNoteText, contentOf, diffContent, EVERYDAY_HINT, FIELD_TEXT, fromForm, toForm, validateContent, type ContentField, type EditForm } from '../../../../features/catalog/edit-form';
import { formatTime } from '../../../../features/catalog/search';
import { itemUrl, pageUrl, param } from '../../../../features/catalog/urls';
import { STAFF_ROLE_TEXT } from '../../../../features/staff/roles';
import { messageFor } from '../../../../features/errors/messages';
import { ApiError } from '../../../../services/api-error';
import styles from './index.module.scss';
import { a11y } from '../../../../components/a11y';
import { QueryState } from '../../../../components/QueryState';

type Mode = 'edit' | 'propose' | 'read';

function modeFor(me: StaffMe, item: CatalogItemDetail): Mode {
  if (me.role === 'district_admin') return 'edit';
  if (me.role === 'community_staff' && item.scope === 'community' && item.communityCode === me.region.code) return 'edit';
  return 'propose';
}

function History({ code }: { code: string }) {
  const history = useItemHistory(code);
  if (history.isPending) return <Notice>正在读取修改记录…</Notice>;
  if (history.isError) return <Notice tone="error" title="修改记录没有读出来">{messageFor(history.error)}</Notice>;
  // who marked the item checked, and when: the latest version that set 最近核对日期
  const checked = [...history.data.versions].sort((a, b) => b.version - a.version).find((v) => v.changedFields.includes('lastReviewedOn') && v.content.lastReviewedOn);
  return (
    <>
      {checked ? (
        <Notice>{`${checked.editedBy?.displayName ?? '初始导入'} 在第${checked.version}版（${formatTime(checked.editedAt)}）标明已核对（${checked.content.lastReviewedOn}）：居民页面不再显示“还在核对”的小字。`}</Notice>
      ) : null}
      <View className={styles.history} {...a11y('list', { label: '修改记录' })}>
        {[...history.data.versions].sort((a, b) => b.version - a.version).map((v) => (
          <View key={v.version} className={styles.version} {...a11y('listitem')}>
            <Text className={styles.versionTitle}>{`第${v.version}版${v.version === history.data.currentVersion ? '（现在用的）' : ''}`}</Text>
            <Text className={styles.versionLine}>{`${formatTime(v.editedAt)} · ${v.editedBy ? `${v.editedBy.displayName}（${STAFF_ROLE_TEXT[v.editedBy.role as keyof typeof STAFF_ROLE_TEXT] ?? v.editedBy.role}）` : '初始导入'}`}</Text>
            <Text className={styles.versionLine}>{`改了：${changedFieldsText(v.changedFields)}`}</Text>
            <Text className={styles.versionLine}>{`说明：${changeNoteText(v.changeNote)}${v.proposalId ? '（采纳的修改建议）' : ''}`}</Text>
          </View>
        ))}
      </View>
    </>
  );
}

function Form({ item, mode, onSaved }: { item: CatalogItemDetail; mode: Mode; onSaved: (text: string) => void }) {
  const original = contentOf(item);
  const [form, setForm] = useState<EditForm>(() => toForm(original));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ContentField | 'note', string>>>({});
  const [general, setGeneral] = useState<{ text: string; conflict: boolean } | null>(null);
  const update = useUpdateItem(item.code);
  const propose = useProposeChange(item.code);
  const busy = update.isPending || propose.isPending;
  const set = <K extends keyof EditForm>(k: K) => (v: EditForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: ContentField, multi = false, hint?: string) =>
    multi ? (
      <TextArea label={FIELD_TEXT[k]} value={form[k] as string} onChange={set(k) as (v: string) => void} error={errors[k]} hint={hint} maxlength={4000} />
    ) : (
      <Field label={FIELD_TEXT[k]} value={form[k] as string} onChange={set(k) as (v: string) => void} error={errors[k]} hint={hint} maxlength={300} />
    );

  const submit = async () => {
    setGeneral(null);
    const content = fromForm(form);
    const found: typeof errors = validateContent(content);
    const changes = diffContent(original, content);
    if (!note.trim()) found.note = mode === 'edit' ? '请写明改了什么、为什么改' : '请写明为什么要这样改';
    setErrors(found);
    if (Object.keys(found).length) return;
    if (!Object.keys(changes).length) return setGeneral({ text: '没有改动任何内容。', conflict: false });
    try {
      if (mode === 'edit') {
        const saved = await update.mutateAsync({ baseVersion: item.version, changes, changeNote: note.trim() });
        onSaved(`已保存为第${saved.version}版。居民现在查到的就是新内容。`);
      } else {
        await propose.mutateAsync({ baseVersion: item.version, changes, reason: note.trim() });
        onSaved('修改建议已提交，区管理员采纳后才会生效。');
        setNote('');
      }
    } catch (err) {
      const conflict = err instanceof ApiError && err.code === 'CATALOG_VERSION_CONFLICT';
      setGeneral({ text: messageFor(err), conflict });
    }
  };

  return (
    <Section title={mode === 'edit' ? '修改内容' : '提出修改建议'}>
      {mode === 'propose' ? <Notice>区里的事项由区管理员修改。您改好后提交，区管理员采纳后生效。</Notice> : null}
      {text('name')}
      {text('aliases', true, '每行一个，也可以用“、”隔开。居民这样说也能查到。')}
      {text('everydayWords', true, `居民平常怎么说这件事。${EVERYDAY_HINT}`)}
      <OptionGroup label={FIELD_TEXT.list} options={catalogLists.map((l) => ({ value: l, label: CATALOG_LIST_TEXT[l] }))} value={form.list} onChange={set('list')} error={errors.list} columns={2} />
      {text('category')}
      {text('usedFor', true)}
      {text('routeSteps', true, '居民看到的是编好号的步骤，每行写一步。')}
      {text('department')}
      {text('onlineChannel', false, '没有就空着')}
      {text('materials', true)}
      {text('legalBasis', true)}
      {text('inferredFields', true, '哪些内容还没核对原文（每行一项，如：负责部门、替代途径、网上办理渠道、要带的材料、依据）。居民页面底部会用小字说明。核实后删掉。')}
      {text('lastReviewedOn', false, '核对过就填上日期，写成 2026-11-27。填了日期，居民页面就不再显示“还在核对”的小字。')}
      <Field
        label={mode === 'edit' ? '这次改了什么、为什么' : '为什么要这样改'}
        value={note}
        onChange={setNote}
        maxlength={mode === 'edit' ? 300 : 500}
        error={errors.note}
        placeholder={mode === 'edit' ? '比如：补充网上办理渠道' : '比如：居民常这样说'}
      />
      {general ? (
        <Notice tone="error" title={mode === 'edit' ? '没有保存' : '没有提交'}>
          {general.text}
        </Notice>
      ) : null}
      {general?.conflict ? <Notice>请记下您的改动，点下面“重新读取”后再改一次。</Notice> : null}
      <Button loading={busy} onClick={() => void submit()}>
        {mode === 'edit' ? '保存修改' : '提交修改建议'}
      </Button>
    </Section>
  );
}

// another place's item: residents see it only while the district has adopted it; the district admin adopts or un-adopts
function Adoption({ me, item, onDone }: { me: StaffMe; item: StaffCatalogItemView; onDone: (text: string) => void }) {
  const adopt = useAdoptItem();
  if (item.origin !== 'other_place') return null;
  const admin = me.role === 'district_admin';
  const change = async (to: boolean) => {
    const r = await Taro.showModal(to
      ? { title: '采用这一项？', content: `采用后，“${item.name}”会出现在居民的清单、搜索和公示牌上。请先确认荆州区也这样办。`, confirmText: '采用', cancelText: '先不采用' }
      : { title: '不再采用这一项？', content: `不再采用后，居民的清单、搜索和公示牌上不再有“${item.name}”，修改记录会留下。`, confirmText: '不再采用', cancelText: '继续采用' });
    if (r.confirm) adopt.mutate({ code: item.code, version: item.version, adopt: to }, { onSuccess: () => onDone(to ? '已采用，居民能看到这一项了' : '已不再采用，居民看不到这一项了') });
  };
  return (
    <>
      <Notice title={item.adoptedByDistrict ? '其他地方的做法，区里已采用' : OTHER_PLACE_NOT_ADOPTED_TEXT}>
        {item.shownToResidents ? '居民能看到这一项。' : '居民看不到这一项。'}
        {admin ? '' : '是否采用由区管理员决定。'}
      </Notice>
      {adopt.isError ? <Notice tone="error" title="没有改成">{messageFor(adopt.error)}</Notice> : null}
      {admin ? (
        <Button variant="secondary" loading={adopt.isPending} onClick={() => void change(!item.adoptedByDistrict)}>
          {item.adoptedByDistrict ? '不再采用' : '采用'}
        </Button>
      ) : null}
    </>
  );
}

function Edit({ me, code }: { me: StaffMe; code: string }) {
  const community = ownCommunity(me);
  const item = useStaffCatalogItem(code);
  const [saved, setSaved] = useState<string | null>(null);
  if (!code) return <PageShell title="修改证明事项"><Notice tone="error" title="没有指明是哪个事项">请回到清单重新选择。</Notice></PageShell>;
  if (item.isPending || item.isError) return <PageShell title="修改证明事项"><QueryState query={item} /></PageShell>;
  const d = item.data;
  const mode = modeFor(me, d);
  return (
    <PageShell title={d.name} intro={`${d.code} · ${CATALOG_LIST_TEXT[d.list]} · 第${d.version}版，${formatTime(d.updatedAt)}更新`}>
      {saved ? <Notice tone="success" title={saved} /> : null}
      <Adoption me={me} item={d} onDone={setSaved} />
      {d.shownToResidents ? (
        <Button variant="link" small onClick={() => void Taro.navigateTo({ url: itemUrl(d.code, community) })}>
          看居民看到的样子
        </Button>
      ) : null}
      {/* a new version gives a fresh form with the saved content */}
      <Form key={d.version} item={d} mode={mode} onSaved={setSaved} />
      <Button variant="secondary" onClick={() => { setSaved(null); void item.refetch(); }}>
        重新读取
      </Button>
      <Section title="修改记录">
        <History code={d.code} />
      </Section>
      {mode === 'propose' ? (
        <Button variant="link" small onClick={() => void Taro.navigateTo({ url: pageUrl('staffProposals') })}>
          看我提的修改建议
        </Button>
      ) : null}
    </PageShell>
  );
}

export default function StaffEditPage() {
  const code = param(Taro.getCurrentInstance().router?.params?.code);
  return <StaffOnly title="修改证明事项" roles={['district_admin', 'community_staff', 'street_reviewer']}>{(me) => <Edit me={me} code={code} />}</StaffOnly>;
}
