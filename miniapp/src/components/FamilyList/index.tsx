import { RELATIONSHIP_TEXT, type FamilyMemberView } from '@jianban/shared';
import { Cell, CellGroup } from '../Cell';
import { Notice } from '../Notice';

export function familyMemberLine(m: FamilyMemberView): string {
  return `身份证 ${m.idNumberMasked} · ${m.age}岁 · ${m.community.name}`;
}

export function FamilyList({ items }: { items: readonly FamilyMemberView[] }) {
  if (items.length === 0) {
    return <Notice title="还没有添加家人">添加后，就可以替家里老人查证明、约办事。</Notice>;
  }
  return (
    <CellGroup>
      {items.map((m) => (
        <Cell key={m.id} title={`${m.name}（${RELATIONSHIP_TEXT[m.relationship]}）`} description={familyMemberLine(m)} />
      ))}
    </CellGroup>
  );
}
