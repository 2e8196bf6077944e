import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { DEPARTMENT_FIELD_TEXT, DEPARTMENT_MISSING_TEXT, departmentFields, type DepartmentField, type DepartmentView } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { StaffOnly } from '../../../../features/catalog/components/StaffOnly';
import { useDepartments, useUpdateDepartment } from '../../../../features/catalog/departments';
import { changeText, useDepartmentHistory } from '../../../../features/catalog/department-history';
import { formatDay, formatTime } from '../../../../features/catalog/search';
import { messageFor } from '../../../../features/errors/messages';
import { a11y } from '../../../../components/a11y';
import styles from './index.module.scss';

type Checked = 'yes' | 'no';
type Form = Record<DepartmentField, string>;
const HINT: Record<DepartmentField, string> = {
  name: '',
  address: '写居民能找到的地址，例如街道、门牌号、楼层。',
  phone: '只写办公电话（数字、括号、横线）。',
  hours: '例如：工作日 8:30-12:00，14:30-17:30',
  onlineChannel: '居民在手机上能办的地方，例如鄂汇办里的事项名称。没有就空着。',
};

const formOf = (d: DepartmentView): Form => ({ name: d.name, address: d.address ?? '', phone: d.phone ?? '', hours: d.hours ?? '', onlineChannel: d.onlineChannel ?? '' });

// who changed what and when, newest first (old → new, field by field)
function History({ dept }: { dept: DepartmentView }) {
  const [open, setOpen] = useState(false);
  const history = useDepartmentHistory(dept.code, dept.version, open);
  const versions = history.data?.versions ?? [];
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(!open)} a11yLabel={`${open ? '收起修改记录' : '看修改记录'}：${dept.name}`}>
        {open ? '收起修改记录' : '看修改记录'}
      </Button>
      {open && history.isPending ? <Notice>正在读取修改记录…</Notice> : null}
      {open && history.isError ? <Notice tone="error" title="修改记录没有读出来">{messageFor(history.error)}</Notice> : null}
      {open && history.isSuccess && versions.length === 0 ? <Notice>还没有人改过，现在是导入时的内容。</Notice> : null}
      {open && versions.length > 0 ? (
        <View {...a11y('list', { label: `${dept.name}的修改记录` })}>
          {versions.map((v) => (
            <View key={v.version} className={styles.version} {...a11y('listitem')}>
              <Text className={styles.when}>{`第 ${v.version} 版 · ${v.editorName ?? '区管理员'} · ${formatTime(v.at)}`}</Text>
              {v.changes.map((c) => (
                <Text key={c.field} className={styles.change}>{changeText(c, v.fromKnown)}</Text>
              ))}
              {v.fromKnown ? null : <Text className={styles.change}>（这一版之前的内容没有记下）</Text>}
              <Text className={styles.change}>{`说明：${v.changeNote}`}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </>
  );
}

// one department: each field with where it is read, filled in or corrected by the district admin, marked checked
function Entry({ dept }: { dept: DepartmentView }) {
  const [form, setForm] = useState<Form>(() => formOf(dept));
  const [checked, setChecked] = useState<Checked>(dept.checked ? 'yes' : 'no');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const save = useUpdateDepartment();
  const submit = () => {
    if (!note.trim()) return setNoteError('请写明这次填了什么、从哪里核实的');
    setNoteError(undefined);
    const before = formOf(dept);
    const changes = Object.fromEntries(
      departmentFields.filter((f) => form[f].trim() !== before[f]).map((f) => [f, form[f].trim() || (f === 'name' ? dept.name : null)]),
    );
    save.mutate({ code: dept.code, input: { baseVersion: dept.version, changes, checked: checked === 'yes', changeNote: note.trim() } });
  };
  return (
    <Section title={dept.name}>
      <Notice>{`${dept.checked ? `已核对：${dept.checked.by}，${formatDay(dept.checked.on)}` : '还没有核对'}。第 ${dept.version} 版，${formatTime(dept.updatedAt)}更新。`}</Notice>
      {departmentFields.map((f) => (
        <Field
          key={f}
          label={DEPARTMENT_FIELD_TEXT[f]}
          value={form[f]}
          onChange={(v) => { setForm((x) => ({ ...x, [f]: v })); save.reset(); }}
          maxlength={f === 'phone' ? 40 : 200}
          hint={`${dept.fieldSources[f] ? `来源：${dept.fieldSources[f]}` : `没有来源，居民看到“${DEPARTMENT_MISSING_TEXT}”`}${HINT[f] ? `。${HINT[f]}` : ''}`}
        />
      ))}
      <OptionGroup<Checked>
        label="是否已经核对"
        options={[
          { value: 'yes', label: '已向这个部门核对过（记下我的名字和今天）' },
          { value: 'no', label: '还没有核对' },
        ]}
        value={checked}
        onChange={(v) => { setChecked(v); save.reset(); }}
        columns={1}
      />
      <Field label="这次填了什么、从哪里核实的" value={note} onChange={(v) => { setNote(v); save.reset(); }} maxlength={300} error={noteError} placeholder="比如：打电话问过派出所户籍窗口" />
      {save.isError ? <Notice tone="error" title="没有保存">{messageFor(save.error)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success" title="已保存">{`现在是第 ${save.data.version} 版，居民马上看到新内容。`}</Notice> : null}
      <Button loading={save.isPending} onClick={submit}>{`保存${dept.name}`}</Button>
      <History dept={dept} />
    </Section>
  );
}

function Departments() {
  const list = useDepartments();
  return (
    <PageShell title="部门名录" intro="居民在证明事项页面看到这些部门的地址、电话和办公时间。没有来源的内容一律空着，居民看到“待区管理员填写”；请不要填写没有核实过的地址和电话。">
      {list.isPending ? <Notice>正在读取…</Notice> : null}
      {list.isError ? <Notice tone="error" title="没有读出来">{messageFor(list.error)}</Notice> : null}
      <View {...a11y('list', { label: '部门' })}>
        {(list.data?.items ?? []).map((d) => (
          <View key={`${d.code}-${d.version}`} {...a11y('listitem')}>
            <Entry dept={d} />
          </View>
        ))}
      </View>
    </PageShell>
  );
}

export default function StaffDepartmentsPage() {
  return <StaffOnly title="部门名录" roles={['district_admin']}>{() => <Departments />}</StaffOnly>;
}
