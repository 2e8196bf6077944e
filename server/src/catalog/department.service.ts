import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DEPARTMENT_CHANGE_TEXT, ErrorCode, departmentFields,
  type DepartmentChangeView, type DepartmentField, type DepartmentHistoryView, type DepartmentView, type UpdateDepartmentInput,
} from '@jianban/shared';
import { Clock } from '../common/clock';
import { Db } from '../common/db';
import { DomainError } from '../common/domain-error';
import { AccountDirectory } from '../identity/account.directory';
import type { Caller } from '../identity/caller';
import { DepartmentRepository } from './department.repository';
import type { CatalogDepartmentEntity, CatalogDepartmentVersionEntity } from './entities/catalog.entity';

type Staff = Extract<Caller, { kind: 'staff' }>;
const COLUMN: Record<DepartmentField, 'name' | 'address' | 'phone' | 'hours' | 'onlineChannel'> = {
  name: 'name', address: 'address', phone: 'phone', hours: 'hours', onlineChannel: 'onlineChannel',
};

export function toDepartmentView(r: CatalogDepartmentEntity): DepartmentView {
  return {
    code: r.code,
    name: r.name,
    address: r.address,
    phone: r.phone,
    hours: r.hours,
    onlineChannel: r.onlineChannel,
    fieldSources: JSON.parse(r.fieldSourcesJson) as Record<string, string>,
    itemCodes: JSON.parse(r.itemCodesJson) as string[],
    checked: r.checkedBy && r.checkedOn ? { by: r.checkedBy, on: r.checkedOn } : null,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

// the department directory: read by everyone, completed and checked by the district admin (every edit a version)
@Injectable()
export class DepartmentService {
  constructor(
    private readonly db: Db,
    private readonly departments: DepartmentRepository,
    private readonly accounts: AccountDirectory,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<{ items: DepartmentView[] }> {
    const rows = await this.db.read((m) => this.departments.all(m));
    return { items: rows.map(toDepartmentView) };
  }

  async update(staff: Staff, code: string, input: UpdateDepartmentInput): Promise<DepartmentView> {
    const editor = (await this.accounts.requireMe('staff', staff.staffId)).displayName.slice(0, 64);
    return this.db.retrying(async (tx) => {
      const row = await this.departments.byCode(tx, code);
      if (!row) throw new DomainError(ErrorCode.NotFound, `no department ${code}`);
      if (row.version !== input.baseVersion) throw new DomainError(ErrorCode.VersionConflict, `department ${code} is at version ${row.version}`, { currentVersion: row.version });
      const next = this.apply(row, input, editor);
      if (!(await this.departments.replace(tx, row.id, input.baseVersion, next))) throw new DomainError(ErrorCode.VersionConflict, `department ${code} changed meanwhile`);
      const saved = (await this.departments.byCode(tx, code))!;
      await this.departments.addVersion(tx, {
        id: randomUUID(), departmentId: row.id, version: saved.version, contentJson: JSON.stringify(toDepartmentView(saved)), changeNote: input.changeNote,
        editorId: staff.staffId, editorName: editor, createdAt: this.clock.now(), changesJson: JSON.stringify(changesBetween(toDepartmentView(row), toDepartmentView(saved))),
      });
      return toDepartmentView(saved);
    });
  }

  async history(code: string): Promise<DepartmentHistoryView> {
    return this.db.read(async (m) => {
      const row = await this.departments.byCode(m, code);
      if (!row) throw new DomainError(ErrorCode.NotFound, `no department ${code}`);
      const versions = await this.departments.versions(m, row.id);
      const items = versions.map((v, i) => toVersionView(v, versions[i - 1]));
      // newest first: what the admin looks for is the last change
      return { code: row.code, name: row.name, currentVersion: row.version, versions: items.reverse() };
    });
  }

  // the changed fields, each naming the admin as its source (an emptied field loses its source); checked = who and when
  private apply(row: CatalogDepartmentEntity, input: UpdateDepartmentInput, editor: string): Partial<CatalogDepartmentEntity> {
    const today = this.clock.today();
    const sources = JSON.parse(row.fieldSourcesJson) as Record<string, string>;
    const next: Partial<CatalogDepartmentEntity> = {};
    for (const field of departmentFields) {
      const value = input.changes[field];
      if (value === undefined || value === row[COLUMN[field]]) continue;
      if (field === 'name' && value === null) continue;
      (next as Record<string, unknown>)[COLUMN[field]] = value;
      if (value) sources[field] = `区管理员 ${editor} 填写（${today}）`;
      else delete sources[field];
    }
    return {
      ...next,
      fieldSourcesJson: JSON.stringify(sources),
      checkedBy: input.checked ? editor : null,
      checkedOn: input.checked ? today : null,
      updatedAt: this.clock.now(),
    };
  }
}

const checkedText = (v: Pick<DepartmentView, 'checked'>): string | null => (v.checked ? `${v.checked.by} ${v.checked.on} 核对` : null);

/** field by field, what differs between two states of a department (the 核对 mark included) */
export function changesBetween(before: DepartmentView, after: DepartmentView): DepartmentChangeView[] {
  const out: DepartmentChangeView[] = [];
  for (const field of departmentFields) {
    if (before[field] !== after[field]) out.push({ field, label: DEPARTMENT_CHANGE_TEXT[field], from: before[field], to: after[field] });
  }
  if (checkedText(before) !== checkedText(after)) out.push({ field: 'checked', label: DEPARTMENT_CHANGE_TEXT.checked, from: checkedText(before), to: checkedText(after) });
  return out;
}

// a version recorded with its changes shows them; an older one is compared with the version before it, and the first
// stored one (the seed wrote none) shows only the values it set
function toVersionView(v: CatalogDepartmentVersionEntity, previous: CatalogDepartmentVersionEntity | undefined): DepartmentHistoryView['versions'][number] {
  const base = { version: v.version, editorName: v.editorName, at: v.createdAt.toISOString(), changeNote: v.changeNote };
  if (v.changesJson) return { ...base, changes: JSON.parse(v.changesJson) as DepartmentChangeView[], fromKnown: true };
  const after = JSON.parse(v.contentJson) as DepartmentView;
  if (previous) return { ...base, changes: changesBetween(JSON.parse(previous.contentJson) as DepartmentView, after), fromKnown: true };
  const set = departmentFields.filter((f) => after[f] !== null).map((field) => ({ field, label: DEPARTMENT_CHANGE_TEXT[field], from: null, to: after[field] }));
  return { ...base, changes: set, fromKnown: false };
}
