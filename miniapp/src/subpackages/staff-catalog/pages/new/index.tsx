import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { TextArea } from '../../../../components/TextArea';
import { OptionGroup } from '../../../../components/OptionGroup';
import { ownCommunity, StaffOnly, type StaffMe } from '../../../../features/catalog/components/StaffOnly';
import { useCreateCommunityItem } from '../../../../features/catalog/hooks';
import { lines } from '../../../../features/catalog/edit-form';
import { pageUrl } from '../../../../features/catalog/urls';
import { useRegions } from '../../../../features/family/hooks';
import { communitiesUnder } from '../../../../features/regions/communities';
import { issuesByField } from '../../../../services/api-error';
import { messageFor } from '../../../../features/errors/messages';

const FIELDS = ['name', 'aliases', 'category', 'usedFor', 'materials', 'legalBasis'] as const;
type NewField = (typeof FIELDS)[number];

function NewItem({ me }: { me: StaffMe }) {
  const regions = useRegions();
  const own = ownCommunity(me);
  const choices = own ? [] : communitiesUnder(regions.data?.items ?? [], me.region.code);
  const [community, setCommunity] = useState(own);
  const [form, setForm] = useState<Record<NewField, string>>({ name: '', aliases: '', category: '', usedFor: '', materials: '', legalBasis: '' });
  const [errors, setErrors] = useState<Partial<Record<NewField | 'community', string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const create = useCreateCommunityItem(community);
  const set = (k: NewField) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async () => {
    const found: typeof errors = {};
    if (!community) found.community = '请选择社区';
    if (form.name.trim().length < 2) found.name = '名称至少2个字';
    if (!form.category.trim()) found.category = '请填写类别，比如“居住”';
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    try {
      const item = await create.mutateAsync({
        name: form.name.trim(),
        aliases: lines(form.aliases, true),
        category: form.category.trim(),
        usedFor: form.usedFor.trim() || null,
        materials: lines(form.materials),
        legalBasis: form.legalBasis.trim() || null,
      });
      await Taro.redirectTo({ url: pageUrl('staffEdit', { code: item.code }) });
    } catch (err) {
      setErrors(issuesByField(err, FIELDS).fields);
      setGeneral(messageFor(err));
    }
  };

  return (
    <PageShell title="新增本社区应当出具的事项" intro="只能新增社区应当出具的证明。新增后居民在首页就能查到。">
      {own ? (
        <Notice title={me.region.name}>加到本社区的清单里。</Notice>
      ) : (
        <OptionGroup label="加到哪个社区？" options={choices.map((c) => ({ value: c.code, label: c.name }))} value={community} onChange={setCommunity} error={errors.community} />
      )}
      <Field label="名称" value={form.name} onChange={set('name')} maxlength={80} error={errors.name} placeholder="比如：居(租)住证明" />
      <TextArea label="别名和常见说法" value={form.aliases} onChange={set('aliases')} error={errors.aliases} hint="每行一个，也可以用“、”隔开" />
      <Field label="类别" value={form.category} onChange={set('category')} maxlength={30} error={errors.category} placeholder="比如：居住" />
      <TextArea label="用来办什么" value={form.usedFor} onChange={set('usedFor')} maxlength={300} error={errors.usedFor} />
      <TextArea label="要带的材料（每行一项）" value={form.materials} onChange={set('materials')} maxlength={3000} error={errors.materials} />
      <TextArea label="依据" value={form.legalBasis} onChange={set('legalBasis')} maxlength={300} error={errors.legalBasis} />
      {general ? <Notice tone="error" title="没有新增成功">{general}</Notice> : null}
      <Button loading={create.isPending} onClick={() => void submit()}>
        新增
      </Button>
    </PageShell>
  );
}

export default function StaffNewItemPage() {
  return <StaffOnly title="新增本社区事项" roles={['community_staff', 'district_admin']}>{(me) => <NewItem me={me} />}</StaffOnly>;
}
