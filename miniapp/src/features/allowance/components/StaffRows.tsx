import Taro from '@tarojs/taro';
import type { StaffAllowanceRowView } from '@jianban/shared';
import { Cell, CellGroup } from '../../../components/Cell';
import { instantText } from '../../booking/format';
import { allowanceUrl, STAFF_ALLOWANCE_DETAIL_PAGE } from '../pages';

/** one line per application: who, where it stands, who owns it, and what needs attention (in words) */
export function staffRowText(a: StaffAllowanceRowView): string {
  return [
    a.communityName,
    a.ownerName ? `负责人 ${a.ownerName}` : '还没有人接手',
    a.openObjections > 0 ? `有${a.openObjections}条异议没处理` : '',
    a.overdue ? '已超过办理期限' : a.stageDueAt ? `${instantText(a.stageDueAt)}前办完` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function StaffRows({ items }: { items: readonly StaffAllowanceRowView[] }) {
  return (
    <CellGroup>
      {items.map((a) => (
        <Cell
          key={a.id}
          title={`${a.elderName}（${a.elderIdMasked}）`}
          description={staffRowText(a)}
          extra={a.overdue ? `${a.statusText} · 超时` : a.statusText}
          onClick={() => void Taro.navigateTo({ url: allowanceUrl(STAFF_ALLOWANCE_DETAIL_PAGE, { id: a.id }) })}
        />
      ))}
    </CellGroup>
  );
}
