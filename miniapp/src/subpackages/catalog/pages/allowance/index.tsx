import Taro from '@tarojs/taro';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Steps } from '../../../../components/Steps';
import { AskStaff } from '../../../../features/catalog/components/AskStaff';
import { BOOKING_START } from '../../../../features/catalog/urls';

// the senior allowance as a search result (issue 13): the online application is not built yet, so this page says so
// and where to ask now. The allowance issue replaces it with the real application.
export const ALLOWANCE_STEPS = [
  '一般要带老人的身份证、户口本和老人本人的银行卡或存折，具体以社区说的为准。',
  '别人替老人去办的，再带上自己的身份证。',
  '到老人户口所在的社区党群服务中心，跟工作人员说要申请高龄津贴。',
  '不用开健在证明（活着证明）：老人还健在，由发津贴的部门自己核对。',
];

export default function AllowancePage() {
  return (
    <PageShell title="高龄津贴" intro="80岁以上的老人可以领高龄津贴，领多少按年龄算。">
      <Notice tone="soon" title="手机上申请还没做好">
        在手机上申请高龄津贴的功能还在做，做好以后就在这一页办。现在请到社区去问。
      </Notice>
      <Section title="现在怎么办">
        <Steps steps={ALLOWANCE_STEPS} label="现在怎么办" />
      </Section>
      <AskStaff title="去哪里问" text="社区工作人员会告诉您能不能领、领多少、要带什么。" where="老人户口所在的社区党群服务中心" />
      <Button onClick={() => void Taro.navigateTo({ url: BOOKING_START })}>预约时间去社区问</Button>
    </PageShell>
  );
}
