import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { IN_PERSON_TEXT, type RegionView, type ServiceItemView } from '@jianban/shared';
import { Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { TextArea } from '../../../../components/TextArea';
import { OptionGroup } from '../../../../components/OptionGroup';
import { messageFor } from '../../../../features/errors/messages';
import { useCanConfigureCentre, useCreateServiceItem, useStaffServiceItems, useUpdateServiceItem } from '../../../../features/booking/hooks';
import { StaffCommunityPage } from '../../../../features/booking/StaffCommunityPicker';
import {
  IN_PERSON_CHOICES,
  emptyItemForm,
  ITEM_LIMITS,
  itemChanges,
  itemSummary,
  readItemForm,
  serverItemErrors,
  toItemForm,
  type ItemErrors,
  type ItemForm,
} from '../../../../features/booking/service-item-form';
import styles from './index.module.scss';
import { a11y } from '../../../../components/a11y';
import { QueryState } from '../../../../components/QueryState';

const TITLE = '服务事项';

type Screen = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; item: ServiceItemView };

/** add (no item) or edit one item: one task on its own screen */
function ItemEditor({ code, item, onDone, onCancel }: { code: string; item?: ServiceItemView; onDone: (text: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState<ItemForm>(() => (item ? toItemForm(item) : emptyItemForm()));
  const [errors, setErrors] = useState<ItemErrors>({});
  const [other, setOther] = useState<string[]>([]);
  const create = useCreateServiceItem(code);
  const update = useUpdateServiceItem(code);
  const busy = create.isPending || update.isPending;
  const failed = create.error ?? update.error;
  const set = (k: keyof ItemForm) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const onError = (err: unknown) => {
    const e = serverItemErrors(err);
    setErrors(e.fields);
    setOther(e.other);
  };
  const save = () => {
    setOther([]);
    create.reset();
    update.reset();
    if (!item) {
      const read = readItemForm(form);
      if ('errors' in read) return setErrors(read.errors);
      create.mutate(read.input, { onSuccess: (v) => onDone(`已添加“${v.name}”，居民现在可以预约。`), onError });
      return;
    }
    const read = itemChanges(item, form);
    if ('errors' in read) return setErrors(read.errors);
    if (!Object.keys(read.changes).length) return onDone(`“${item.name}”没有改动。`);
    update.mutate({ id: item.id, input: read.changes }, { onSuccess: (v) => onDone(`已保存“${v.name}”的修改。`), onError });
  };
  const fieldErrors = Object.values(errors).some(Boolean);
  return (
    <Section title={item ? `修改：${item.name}` : '新增服务事项'}>
      <Field label="事项名称" value={form.name} onChange={set('name')} maxlength={ITEM_LIMITS.nameMax} placeholder="如：居住证明" error={errors.name} />
      <Field label="大约要多少分钟" type="number" value={form.durationMinutes} onChange={set('durationMinutes')} maxlength={3} hint={`${ITEM_LIMITS.durationMin} 到 ${ITEM_LIMITS.durationMax} 分钟，居民预约时会看到`} error={errors.durationMinutes} />
      <TextArea
        label="要带的材料（每行写一样）"
        value={form.materials}
        onChange={set('materials')}
        maxlength={3100}
        placeholder={'如：\n本人身份证\n户口本'}
        hint="居民预约前会看到，请一次写全；不用带材料就空着"
        error={errors.materials}
      />
      <OptionGroup<string>
        label="要不要本人到场"
        options={IN_PERSON_CHOICES}
        value={form.inPerson}
        onChange={(v) => setForm((f) => ({ ...f, inPerson: v as ItemForm['inPerson'] }))}
      />
      <TextArea label="说明（可以不填）" value={form.description} onChange={set('description')} maxlength={ITEM_LIMITS.descriptionMax} placeholder="如：需本人到场" error={errors.description} />
      {fieldErrors ? <Notice tone="error" title="没有保存">请按红字提示修改。</Notice> : null}
      {other.length ? <Notice tone="error" title="没有保存">{other.join('；')}</Notice> : null}
      {failed && !fieldErrors && !other.length ? <Notice tone="error" title="没有保存">{messageFor(failed)}</Notice> : null}
      <Button loading={busy} onClick={save}>{item ? '保存修改' : '添加这个事项'}</Button>
      <Button variant="secondary" onClick={onCancel}>返回，不保存</Button>
    </Section>
  );
}

function ItemCard({ item, canEdit, onEdit, onToggle, toggling }: { item: ServiceItemView; canEdit: boolean; onEdit: () => void; onToggle: () => void; toggling: boolean }) {
  return (
    <View className={`${styles.card}${item.active ? '' : ` ${styles.off}`}`} {...a11y('listitem', { label: `${item.name}，${item.active ? '居民可以预约' : '已停用'}` })}>
      <Text className={styles.name}>{item.active ? item.name : `${item.name}（已停用）`}</Text>
      <Text className={styles.summary}>{itemSummary(item)}</Text>
      {item.materials.length ? <Text className={styles.line}>{`要带：${item.materials.join('、')}`}</Text> : null}
      <Text className={styles.line}>{item.inPerson ? IN_PERSON_TEXT[item.inPerson] : '要不要本人到场：还没写明'}</Text>
      {item.description ? <Text className={styles.line}>{`说明：${item.description}`}</Text> : null}
      {canEdit ? (
        <View className={styles.actions}>
          <Button variant="secondary" onClick={onEdit} a11yLabel={`修改“${item.name}”`}>修改</Button>
          <Button variant="secondary" loading={toggling} onClick={onToggle} a11yLabel={`${item.active ? '停用' : '重新启用'}“${item.name}”`}>
            {item.active ? '停用（居民约不了）' : '重新启用'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function Items({ community }: { community: RegionView }) {
  const code = community.code;
  const canEdit = useCanConfigureCentre();
  const list = useStaffServiceItems(code);
  const toggle = useUpdateServiceItem(code);
  const [screen, setScreen] = useState<Screen>({ kind: 'list' });
  const [done, setDone] = useState<string | null>(null);

  if (screen.kind !== 'list') {
    return (
      <ItemEditor
        key={screen.kind === 'edit' ? screen.item.id : 'new'}
        code={code}
        item={screen.kind === 'edit' ? screen.item : undefined}
        onDone={(text) => { setDone(text); setScreen({ kind: 'list' }); }}
        onCancel={() => setScreen({ kind: 'list' })}
      />
    );
  }
  // in the server's order: a card stays where it is when it is stopped or started again
  const items = list.data?.items ?? [];
  const flip = (item: ServiceItemView) => {
    setDone(null);
    toggle.mutate(
      { id: item.id, input: { active: !item.active } },
      { onSuccess: (v) => setDone(v.active ? `已重新启用“${v.name}”，居民又可以预约了。` : `已停用“${v.name}”：居民现在约不了这个事项。要恢复，点“重新启用”。`) },
    );
  };
  return (
    <>
      {done ? <Notice tone="success" title="已完成">{done}</Notice> : null}
      {toggle.isError ? <Notice tone="error" title="没有改成">{messageFor(toggle.error)}</Notice> : null}
      {canEdit ? <Button onClick={() => { setDone(null); toggle.reset(); setScreen({ kind: 'new' }); }}>新增服务事项</Button> : <Notice>您可以查看。要新增、修改或停用，请本社区的工作人员或区管理员来做。</Notice>}
      <Section title="本社区的服务事项">
        <QueryState query={list} />
        {list.isSuccess && !items.length ? <Notice>还没有服务事项，居民现在约不了任何事。</Notice> : null}
        <View className={styles.list} {...a11y('list', { label: '本社区的服务事项' })}>
          {items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              canEdit={canEdit}
              onEdit={() => { setDone(null); toggle.reset(); setScreen({ kind: 'edit', item }); }}
              onToggle={() => flip(item)}
              toggling={toggle.isPending && toggle.variables?.id === item.id}
            />
          ))}
        </View>
      </Section>
    </>
  );
}

export default function StaffServiceItemsPage() {
  return (
    <StaffCommunityPage title={TITLE} intro="居民预约时先选办什么事。停用的事项居民看不到，随时可以重新启用。">
      {(community) => <Items key={community.code} community={community} />}
    </StaffCommunityPage>
  );
}
