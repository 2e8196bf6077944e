import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { STAFF_AUDIT_TEXT } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Cell, CellGroup } from '../../../../components/Cell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { QueryState } from '../../../../components/QueryState';
import { a11y } from '../../../../components/a11y';
import { useSession } from '../../../../services/session';
import { messageFor } from '../../../../features/errors/messages';
import { useResetStaffPassword, useSetStaffActive, useStaffAccount } from '../../../../features/staff-admin/hooks';
import { STAFF_ACCOUNT_EDIT_PAGE } from '../../../../features/staff-admin/pages';
import { STAFF_ROLE_TEXT } from '../../../../features/staff/roles';
import { instantText } from '../../../../features/booking/format';
import styles from './index.module.scss';


type Asking = 'deactivate' | 'activate' | 'reset' | null;

export default function StaffAccountPage() {
  const id = Taro.getCurrentInstance().router?.params?.id ?? '';
  const { me } = useSession();
  const detail = useStaffAccount(id);
  const setActive = useSetStaffActive(id);
  const reset = useResetStaffPassword(id);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // the action waiting for a second tap (an in-page question: large type, read by screen readers, no pop-up)
  const [asking, setAsking] = useState<Asking>(null);
  const admin = me?.kind === 'staff' && me.role === 'district_admin';
  const s = detail.data?.account;
  const own = !!s && me?.id === s.id;

  const ask = (a: Asking) => {
    setProblem(null);
    setTemporary(null);
    setAsking(a);
  };
  const go = () => {
    const fail = (err: unknown) => setProblem(messageFor(err));
    if (asking === 'reset') reset.mutate(undefined, { onSuccess: (r) => setTemporary(r.temporaryPassword), onError: fail });
    else if (asking) setActive.mutate(asking === 'activate', { onError: fail });
    setAsking(null);
  };
  const question = !s
    ? ''
    : asking === 'deactivate'
      ? `确定停用${s.displayName}的账号吗？停用后马上退出登录，不能再登录；以后可以重新启用。`
      : asking === 'activate'
        ? `确定重新启用${s.displayName}的账号吗？启用后可以用原来的密码登录。`
        : `确定重置${s.displayName}的密码吗？旧密码马上失效，已经登录的地方也会退出。`;

  return (
    <PageShell title={s ? s.displayName : '工作人员账号'}>
      <QueryState query={detail} loading="正在读取账号…" errorTitle="账号没有读出来" />
      {s ? (
        <>
          {temporary ? (
            <Notice tone="success" title="密码已重置">
              临时密码：<Text className={styles.password} selectable>{temporary}</Text>
              {'\n'}请当面或电话告诉{s.displayName}本人。这个密码只显示这一次，对方第一次登录时要换成自己的密码。
            </Notice>
          ) : null}
          {problem ? <Notice tone="error" title="没有办成">{problem}</Notice> : null}
          <CellGroup>
            <Cell title="用户名" description={s.username} />
            <Cell title="岗位" description={STAFF_ROLE_TEXT[s.role]} />
            <Cell title="负责的地方" description={s.region.name} />
            <Cell
              title="状态"
              description={`${s.active ? '在用' : '已停用'}${s.active && s.mustChangePassword ? '，还没把临时密码换成自己的' : ''}${s.wechatBound ? '，已绑定微信' : ''}`}
            />
          </CellGroup>
          {admin && own ? <Notice>这是您自己的账号：停用、降岗和重置密码要请另一位区级管理员来办。</Notice> : null}
          {admin && !own && asking ? (
            <>
              <Notice title="请再确认一次">{question}</Notice>
              <Button variant={asking === 'deactivate' ? 'danger' : 'primary'} onClick={go}>
                {asking === 'deactivate' ? '确定停用' : asking === 'activate' ? '确定启用' : '确定重置'}
              </Button>
              <Button variant="secondary" onClick={() => setAsking(null)}>
                不了
              </Button>
            </>
          ) : null}
          {admin && !own && !asking ? (
            <>
              <Button onClick={() => void Taro.navigateTo({ url: `${STAFF_ACCOUNT_EDIT_PAGE}?id=${s.id}` })}>改姓名、岗位或负责的地方</Button>
              {s.active ? (
                <Button variant="secondary" loading={reset.isPending} onClick={() => ask('reset')}>
                  重置密码
                </Button>
              ) : null}
              <Button variant={s.active ? 'danger' : 'secondary'} loading={setActive.isPending} onClick={() => ask(s.active ? 'deactivate' : 'activate')}>
                {s.active ? '停用这个账号' : '重新启用这个账号'}
              </Button>
            </>
          ) : null}
          <Section title="改动记录">
            {detail.data!.audit.length === 0 ? <Notice>还没有改动记录。</Notice> : null}
            <View {...a11y('list', { label: '改动记录' })}>
              {detail.data!.audit.map((a, i) => (
                <View key={`${a.at}-${i}`} className={styles.entry} {...a11y('listitem')}>
                  <Text className={styles.what}>{`${STAFF_AUDIT_TEXT[a.action]} · ${a.actorName}`}</Text>
                  <Text className={styles.when}>{instantText(a.at)}</Text>
                  {a.changes.map((c) => (
                    <Text key={c} className={styles.change}>
                      {c}
                    </Text>
                  ))}
                </View>
              ))}
            </View>
          </Section>
        </>
      ) : null}
    </PageShell>
  );
}
