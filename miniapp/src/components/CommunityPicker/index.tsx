import { useMemo, useState } from 'react';
import type { RegionView } from '@jianban/shared';
import { OptionGroup } from '../OptionGroup';
import { Notice } from '../Notice';
import { SearchBox } from '../SearchBox';
import { groupCommunities, searchCommunities } from '../../features/regions/communities';

export interface CommunityPickerProps {
  /** the whole region tree from `routeRefs.regions` */
  regions: readonly RegionView[];
  /** the chosen community's code, or '' */
  value: string;
  onChange: (code: string) => void;
  /** the question above the search box */
  label?: string;
  error?: string;
}

/**
 * 荆州区 has 167 communities and villages: too many for one list of buttons. Type a word of the name (梅村) and pick
 * from what is found, each shown with its street or town; or pick the street or town first, then the community or
 * village in it.
 */
export function CommunityPicker({ regions, value, onChange, label = '在哪个社区或村', error }: CommunityPickerProps) {
  const [place, setPlace] = useState('');
  const [street, setStreet] = useState('');
  const groups = useMemo(() => groupCommunities(regions), [regions]);
  const found = useMemo(() => searchCommunities(regions, place), [regions, place]);
  const chosen = regions.find((r) => r.code === value);
  const streetGroup = groups.find((g) => g.street.code === (street || chosen?.parentCode || ''));
  const typed = place.trim();

  return (
    <>
      <SearchBox
        label={label}
        hint="输入名字里的一两个字，比如：梅村"
        placeholder="社区或村的名字"
        buttonText="找一找"
        maxlength={20}
        value={place}
        onChange={setPlace}
        onSearch={setPlace}
      />
      {typed && found.length > 0 ? (
        <OptionGroup
          label="找到这些，点一下选中"
          options={found.map((m) => ({ value: m.community.code, label: `${m.community.name}（${m.street.name}）` }))}
          value={value}
          onChange={(code) => {
            setStreet(found.find((m) => m.community.code === code)?.street.code ?? '');
            onChange(code);
          }}
        />
      ) : null}
      {typed && found.length === 0 ? <Notice>没有找到“{typed}”。请换一两个字再找，或在下面先选街道、镇。</Notice> : null}
      <OptionGroup
        label="也可以先选街道、镇"
        columns={2}
        options={groups.map((g) => ({ value: g.street.code, label: g.street.name }))}
        value={streetGroup?.street.code ?? ''}
        onChange={(code) => {
          setStreet(code);
          if (chosen && chosen.parentCode !== code) onChange('');
        }}
        error={!streetGroup ? error : undefined}
      />
      {streetGroup ? (
        <OptionGroup
          label={`${streetGroup.street.name}的哪个社区或村`}
          options={streetGroup.communities.map((c) => ({ value: c.code, label: c.name }))}
          value={value}
          onChange={onChange}
          error={error}
        />
      ) : null}
    </>
  );
}
