import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { createStaffInput, STAFF_ROLE_LEVEL, staffRoles, updateStaffInput, type StaffRole } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Field } from '../../../../components/Field';
import { OptionGroup } from '../../../../components/OptionGroup';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { QueryState } from '../../../../components/QueryState';
import { issuesByField } from '../../../../services/api-error';
import { messageFor } from '../../../../features/errors/messages';
import { useRegions } from '../../../../features/family/hooks';
import { useCreateStaff, useStaffAccount, useUpdateStaff } from '../../../../features/staff-admin/hooks';
import { STAFF_ACCOUNT_PAGE } from '../../../../features/staff-admin/pages';
import { firstIssuePerField } from '../../../../features/staff-admin/form';
import { STAFF_ROLE_TEXT } from '../../../../features/staff/roles';
import styles from '../account/index.module.scss';

const FIELDS = ['username', 'displayName', 'role', 'regionCode'] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;

export default function StaffAccountEditPage() {
  const id = Taro.getCurrentInstance().router?.params?.id ?? '';
  const existing = useStaffAccount(id);
  const regions = useRegions();
  const create = useCreateStaff();
  const update = useUpdateStaff(id);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [regionCode, setRegionCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [made, setMade] = useState<{ id: string; name: string; username: string; temporaryPassword: string } | null>(null);

  const account = existing.data?.account;
  useEffect(() => {
    if (!account) return;
    setDisplayName(account.displayName);
    setRole(account.role);
    setRegionCode(account.region.code);
  }, [account]);

  const all = regions.data?.items ?? [];
  const streets = useMemo(() => all.filter((r) => r.level === 'street'), [all]);
  const district = all.find((r) => r.level === 'district');

  const chooseRole = (r: StaffRole) => {
    setRole(r);
    // the place must fit the role: keep it only when it is at the role's level
    const current = all.find((x) => x.code === regionCode);
    if (r === 'district_admin') setRegionCode(district?.code ?? '');
    else if (!current || current.level !== STAFF_ROLE_LEVEL[r]) setRegionCode('');
  };

  const submit = () => {
    setGeneral(null);
    const failed = (err: unknown) => {
      setErrors(issuesByField(err, FIELDS).fields);
      setGeneral(messageFor(err));
    };
    if (id) {
      const patch = {
        displayName: displayName !== account?.displayName ? displayName : undefined,
        role: role && role !== account?.role ? role : undefined,
        regionCode: regionCode !== account?.region.code ? regionCode : undefined,
      };
      const parsed = updateStaffInput.safeParse(patch);
      if (!parsed.success) {
        const errs = firstIssuePerField(parsed.error.issues, FIELDS);
        setErrors(errs);
        if (!Object.keys(errs).length) setGeneral(parsed.error.issues[0]?.message ?? '请检查填写的内容');
        return;
      }
      update.mutate(parsed.data, { onSuccess: () => void Taro.navigateBack(), onError: failed });
      return;
    }
    const parsed = createStaffInput.safeParse({ username, displayName, role, regionCode });
    if (!parsed.success) {
      setErrors(firstIssuePerField(parsed.error.issues, FIELDS));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (r) => setMade({ id: r.account.id, name: r.account.displayName, username: r.account.username, temporaryPassword: r.temporaryPassword }),
      onError: failed,
    });
  };

  if (made) {
    return (
      <PageShell title="账号建好了">
        <Notice tone="success" title={`${made.name}的账号建好了`}>
          用户名：<Text className={styles.password} selectable>{made.username}</Text>
          {'\n'}临时密码：<Text className={styles.password} selectable>{made.temporaryPassword}</Text>
          {'\n'}请当面或电话告诉本人。临时密码只显示这一次，第一次登录时要换成自己的密码。
        </Notice>
        <Button onClick={() => void Taro.redirectTo({ url: `${STAFF_ACCOUNT_PAGE}?id=${made.id}` })}>看这个账号</Button>
      </PageShell>
    );
  }

  const busy = create.isPending || update.isPending;
  return (
    <PageShell title={id ? '改工作人员账号' : '新建工作人员账号'} intro={id ? undefined : '建好后会给出一个临时密码，请当面交给本人。'}>
      {id ? <QueryState query={existing} loading="正在读取账号…" errorTitle="账号没有读出来" /> : null}
      <QueryState query={regions} loading="正在读取社区和街道…" errorTitle="社区和街道没有读出来" />
      {id && account ? <Notice>用户名：{account.username}（不能改）</Notice> : null}
      {!id ? (
        <Field label="用户名" name="username" value={username} maxlength={32} hint="登录用，3到32位小写字母或数字，比如 wangli" onChange={setUsername} error={errors.username} />
      ) : null}
      <Field label="姓名" name="displayName" value={displayName} maxlength={30} onChange={setDisplayName} error={errors.displayName} />
      <OptionGroup
        label="岗位"
        options={staffRoles.map((r) => ({ value: r, label: STAFF_ROLE_TEXT[r] }))}
        value={role}
        onChange={chooseRole}
        error={errors.role}
      />
      {role === 'community_staff' ? (
        <CommunityPicker regions={all} value={regionCode} onChange={setRegionCode} label="负责哪个社区或村" error={errors.regionCode} />
      ) : null}
      {role === 'street_reviewer' ? (
        <OptionGroup
          label="负责哪个街道或镇"
          columns={2}
          options={streets.map((s) => ({ value: s.code, label: s.name }))}
          value={regionCode}
          onChange={setRegionCode}
          error={errors.regionCode}
        />
      ) : null}
      {role === 'district_admin' && district ? <Notice>区级管理员负责全区（{district.name}）。</Notice> : null}
      {general ? <Notice tone="error" title="没有保存">{general}</Notice> : null}
      <Button loading={busy} onClick={submit}>
        {id ? '保存' : '建好账号'}
      </Button>
    </PageShell>
  );
}
