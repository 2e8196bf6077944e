import Taro from '@tarojs/taro';
import { useState } from 'react';
import { RELATIONSHIP_TEXT, relationships, normalizeIdNumber, shanghaiDate, type AddFamilyMemberInput } from '@jianban/shared';
import { PageShell } from '../../components/PageShell';
import { Field } from '../../components/Field';
import { OptionGroup } from '../../components/OptionGroup';
import { CommunityPicker } from '../../components/CommunityPicker';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { useAddFamilyMember, useRegions } from '../../features/family/hooks';
import { FAMILY_FIELDS, idNumberFeedback, validateFamilyForm, type FamilyField, type FamilyForm } from '../../features/family/form';
import { FAMILY_ADDED_EVENT } from '../../features/family/events';
import { messageFor } from '../../features/errors/messages';
import { ApiError, issuesByField } from '../../services/api-error';
import { useSession } from '../../services/session';

const RELATIONSHIP_OPTIONS = relationships.map((r) => ({ value: r, label: RELATIONSHIP_TEXT[r] }));

export default function FamilyAddPage() {
  const { me, status } = useSession();
  const regions = useRegions();
  const add = useAddFamilyMember();
  const [form, setForm] = useState<FamilyForm>({ name: '', idNumber: '', relationship: '', communityCode: '' });
  const [idFinished, setIdFinished] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FamilyField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const today = shanghaiDate(new Date());


  const set = (field: FamilyField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const idFeedback = idNumberFeedback(form.idNumber, today, idFinished);

  const submit = async () => {
    setGeneral(null);
    setIdFinished(true);
    const found = validateFamilyForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setGeneral('还有内容没填好，请看红字提示');
      return;
    }
    const input: AddFamilyMemberInput = {
      name: form.name.trim(),
      idNumber: normalizeIdNumber(form.idNumber),
      relationship: form.relationship as AddFamilyMemberInput['relationship'],
      communityCode: form.communityCode,
    };
    try {
      const added = await add.mutateAsync(input);
      Taro.eventCenter.trigger(FAMILY_ADDED_EVENT, added.name);
      await Taro.navigateBack();
    } catch (err) {
      const byField = issuesByField(err, FAMILY_FIELDS);
      const next = { ...byField.fields };
      if (err instanceof ApiError && (err.code === 'FAMILY_MEMBER_DUPLICATE' || err.code === 'ID_NUMBER_INVALID') && !next.idNumber) {
        next.idNumber = messageFor(err);
      }
      setErrors(next);
      setGeneral([messageFor(err), ...byField.other].join(' '));
    }
  };

  if (status === 'signedIn' && me?.kind !== 'resident') {
    return (
      <PageShell title="添加家人">
        <Notice>只有居民账号可以添加家人。</Notice>
      </PageShell>
    );
  }

  return (
    <PageShell title="添加家人" intro="添加后，您可以替这位家人查证明、约办事。">
      <Field
        label="姓名"
        name="name"
        value={form.name}
        maxlength={30}
        placeholder="和身份证上一致"
        onChange={(v) => set('name', v)}
        error={errors.name}
      />
      <Field
        label="身份证号"
        name="idNumber"
        type="idcard"
        value={form.idNumber}
        maxlength={22}
        placeholder="18位身份证号"
        onChange={(v) => {
          set('idNumber', v);
          if (normalizeIdNumber(v).length >= 18) setIdFinished(true);
        }}
        onBlur={() => setIdFinished(true)}
        error={errors.idNumber ?? idFeedback.error}
        hint={idFeedback.hint}
      />
      <OptionGroup
        label="这位家人是您的"
        columns={2}
        options={RELATIONSHIP_OPTIONS}
        value={form.relationship as (typeof relationships)[number] | ''}
        onChange={(v) => set('relationship', v)}
        error={errors.relationship}
      />
      {regions.isPending ? <Notice>正在读取社区名单…</Notice> : null}
      {regions.isError ? <Notice tone="error" title="社区名单没有读出来">{messageFor(regions.error)}</Notice> : null}
      {regions.data ? (
        <CommunityPicker
          label="家人住在哪个社区或村"
          regions={regions.data.items}
          value={form.communityCode}
          onChange={(code) => set('communityCode', code)}
          error={errors.communityCode}
        />
      ) : null}
      {general ? <Notice tone="error" title="没有添加成功">{general}</Notice> : null}
      <Button onClick={() => void submit()} loading={add.isPending}>
        确认添加
      </Button>
    </PageShell>
  );
}
