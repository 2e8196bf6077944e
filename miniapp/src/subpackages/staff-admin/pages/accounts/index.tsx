import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { StaffAccountsQuery } from '@jianban/shared';
import { PageShell } from '../../../../components/PageShell';
import { Cell, CellGroup } from '../../../../components/Cell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { SearchBox } from '../../../../components/SearchBox';
import { Tabs } from '../../../../components/Tabs';
import { QueryState } from '../../../../components/QueryState';
import { useSession } from '../../../../services/session';
import { useStaffAccounts } from '../../../../features/staff-admin/hooks';
import { REGION_HOLDS_PAGE, STAFF_ACCOUNT_EDIT_PAGE, STAFF_ACCOUNT_PAGE } from '../../../../features/staff-admin/pages';
import { STAFF_ROLE_TEXT } from '../../../../features/staff/roles';
import { pager } from '../../../../features/staff/paging';

const PAGE_SIZE = 30;
const STATUS = [
  { value: 'active', label: '在用' },
  { value: 'inactive', label: '已停用' },
  { value: 'all', label: '全部' },
] as const;

export default function StaffAccountsPage() {
  const { me } = useSession();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<StaffAccountsQuery>({ status: 'active', page: 1, pageSize: PAGE_SIZE });
  const list = useStaffAccounts(q);
  const data = list.data;
  const admin = me?.kind === 'staff' && me.role === 'district_admin';
  const view = data ? pager(data.total, data.page, data.pageSize, data.items.length) : null;

  return (
    <PageShell
      title={admin ? '全区工作人员账号' : '本街道的工作人员'}
      intro={admin ? '新建账号、调岗、停用和重置密码都在这里，每次改动都留记录。' : '本街道和各社区工作人员的账号。要新建或停用账号，请找区级管理员。'}
    >
      {admin ? <Button onClick={() => void Taro.navigateTo({ url: STAFF_ACCOUNT_EDIT_PAGE })}>新建工作人员账号</Button> : null}
      {admin ? <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: REGION_HOLDS_PAGE })}>没对上的旧社区（归入正式社区）</Button> : null}
      <SearchBox
        label="找一个人"
        hint="输入姓名或用户名里的几个字"
        placeholder="姓名或用户名"
        maxlength={32}
        value={typed}
        onChange={setTyped}
        onSearch={(v) => setQ({ ...q, q: v.trim() || undefined, page: 1 })}
      />
      <Tabs label="账号状态" options={STATUS} value={q.status} onChange={(status) => setQ({ ...q, status, page: 1 })} />
      <QueryState
        query={list}
        loading="正在读取账号…"
        errorTitle="账号没有读出来"
        empty={data?.total === 0}
        emptyTitle="没有找到账号"
        emptyText={q.q ? `没有姓名或用户名里有“${q.q}”的账号。` : '这里还没有账号。'}
      />
      {data && view && data.total > 0 ? (
        <>
          <Notice>{view.pages > 1 ? `共 ${data.total} 个，这是第 ${view.from}–${view.to} 个` : `共 ${data.total} 个`}</Notice>
          <CellGroup>
            {data.items.map((s) => (
              <Cell
                key={s.id}
                title={`${s.displayName}（${s.username}）`}
                description={`${STAFF_ROLE_TEXT[s.role]} · ${s.region.name}${s.active ? '' : ' · 已停用'}${s.active && s.mustChangePassword ? ' · 还没改临时密码' : ''}`}
                onClick={() => void Taro.navigateTo({ url: `${STAFF_ACCOUNT_PAGE}?id=${s.id}` })}
              />
            ))}
          </CellGroup>
          {view.hasNext ? <Button loading={list.isPlaceholderData} onClick={() => setQ({ ...q, page: data.page + 1 })}>下一页</Button> : null}
          {view.hasPrev ? <Button variant="secondary" disabled={list.isPlaceholderData} onClick={() => setQ({ ...q, page: data.page - 1 })}>上一页</Button> : null}
        </>
      ) : null}
    </PageShell>
  );
}
