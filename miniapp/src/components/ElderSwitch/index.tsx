import { setElderMode, useSession } from '../../services/session';
import { SwitchRow } from '../SwitchRow';

export function ElderSwitch() {
  const { elder, elderChoice } = useSession();
  const why = elderChoice === null && elder ? '（已按微信大字体自动开启）' : '';
  return (
    <SwitchRow
      title="长辈模式（大字）"
      desc={elder ? `已开启，字更大、按钮更大${why}` : '已关闭，点这里把字放大'}
      checked={elder}
      stateText={elder ? '开' : '关'}
      onToggle={() => setElderMode(!elder)}
    />
  );
}
