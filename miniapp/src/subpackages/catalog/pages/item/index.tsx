import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { CatalogItemDetail } from '@jianban/shared';
import { PageShell, Section } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { Steps } from '../../../../components/Steps';
import { useCatalogItem } from '../../../../features/catalog/hooks';
import { bookingUrl, pageUrl, param } from '../../../../features/catalog/urls';
import { displayText, formatDay, residentSteps } from '../../../../features/catalog/search';
import { useSession } from '../../../../services/session';
import { useServiceItems } from '../../../../features/booking/hooks';
import { useRegions } from '../../../../features/family/hooks';
import { readBookingCommunity } from '../../../../features/booking/community';
import { CentreInfo } from '../../../../features/booking/CentreInfo';
import { leadsToAllowance } from '../../../../features/allowance/links';
import { ALLOWANCE_ELDER_PAGE } from '../../../../features/allowance/pages';
import { residentLegalBasis, residentSources } from '../../../../features/catalog/resident-sources';
import { departmentsFor, fieldText, useDepartments } from '../../../../features/catalog/departments';
import styles from './index.module.scss';
import { a11y } from '../../../../components/a11y';
import { QueryState } from '../../../../components/QueryState';

function Banner({ item }: { item: CatalogItemDetail }) {
  const not = item.list === 'not_issue';
  return (
    <View className={`${styles.banner} ${not ? styles.bannerNot : styles.bannerIssue}`} {...a11y('status')}>
      <Text className={styles.bannerTitle}>{not ? '✗ 社区不再开具' : '✓ 社区可以开'}</Text>
      <Text className={styles.bannerText}>
        {not ? '不用再去社区开这张证明。按下面的办法办：' : '带好下面的材料，到社区党群服务中心办理。'}
      </Text>
    </View>
  );
}

/** the directory's entries for the departments this route sends residents to: what is not known yet says so */
function Departments({ code }: { code: string }) {
  const all = useDepartments();
  const mine = departmentsFor(all.data?.items ?? [], code);
  if (!mine.length) return null;
  return (
    <View className={styles.bullets} {...a11y('list', { label: '部门的地址和电话' })}>
      {mine.map((d) => (
        <View key={d.code} className={styles.department} {...a11y('listitem')}>
          <Text className={styles.departmentName}>{d.name}</Text>
          <Text className={styles.plain}>{`地址：${fieldText(d.address)}`}</Text>
          <Text className={styles.plain}>{`电话：${fieldText(d.phone)}`}</Text>
          <Text className={styles.plain}>{`办公时间：${fieldText(d.hours)}`}</Text>
          {d.onlineChannel ? <Text className={styles.plain}>{`网上办理：${d.onlineChannel}`}</Text> : null}
        </View>
      ))}
    </View>
  );
}

function NotIssue({ item }: { item: CatalogItemDetail }) {
  const route = item.alternativeRoute;
  const steps = residentSteps(route.steps);
  return (
    <>
      <Section title="现在怎么办">
        {steps.length ? <Steps steps={steps} label="现在怎么办" /> : <Notice>具体办法请问社区工作人员。</Notice>}
      </Section>
      <Section title="找哪个部门">
        <Text className={styles.plain}>{route.department ? displayText(route.department) : '请问社区工作人员'}</Text>
        <Departments code={item.code} />
      </Section>
      <Section title="手机上能办吗">
        <Text className={styles.plain}>{route.onlineChannel ? `可以：${displayText(route.onlineChannel)}` : '还没有查到能在手机上办的地方，请按上面的步骤办。'}</Text>
      </Section>
    </>
  );
}

/** the centre of the resident's community (the one the page was opened for, or where they last booked) */
function Centre({ code }: { code: string }) {
  const { status } = useSession();
  const signedIn = status === 'signedIn';
  const items = useServiceItems(signedIn && code ? code : null);
  const regions = useRegions();
  const region = regions.data?.items.find((r) => r.code === code && r.level === 'community');
  if (!signedIn || !region || !items.data) return null;
  const name = `${region.name}党群服务中心`;
  return (
    <Section title={name}>
      <CentreInfo centre={items.data.centre} name={name} />
    </Section>
  );
}

function Issue({ item, community }: { item: CatalogItemDetail; community: string }) {
  const steps = residentSteps(item.alternativeRoute.steps);
  return (
    <>
      <Section title="要带的材料">
        {item.materials.length ? (
          <View className={styles.bullets} {...a11y('list', { label: '要带的材料' })}>
            {item.materials.map((m) => (
              <Text key={m} className={styles.bullet} {...a11y('listitem')}>{`· ${displayText(m)}`}</Text>
            ))}
          </View>
        ) : (
          <Notice>要带什么材料，请先问社区工作人员。</Notice>
        )}
      </Section>
      {steps.length ? (
        <Section title="怎么办">
          <Steps steps={steps} label="怎么办" />
        </Section>
      ) : null}
      <Button onClick={() => void Taro.navigateTo({ url: bookingUrl(item.code) })}>预约到社区办</Button>
      <Text className={styles.plain}>到您所在社区的党群服务中心办理。约好时间再去，到了不用排队；服务中心的开放时间在预约页面能看到。</Text>
      <Centre code={community} />
    </>
  );
}

function SmallPrint({ item }: { item: CatalogItemDetail }) {
  const basis = residentLegalBasis(item.legalBasis);
  return (
    <View className={styles.smallPrint} {...a11y('contentinfo', { label: '依据和来源' })}>
      {basis ? <Text className={styles.small}>{`依据：${basis}`}</Text> : null}
      {residentSources(item.sources).map((s) => (
        <Text key={s.key} className={styles.small}>{`来源：${s.title}${s.date ? `（${s.date}）` : ''}`}</Text>
      ))}
      {/* once per page, in small print; gone once the district admin has checked the item */}
      {item.inferredNote ? <Text className={styles.small}>{item.inferredNote}</Text> : null}
      <Text className={styles.small}>{item.lastReviewedOn ? `区里已核对：${formatDay(item.lastReviewedOn)}` : '最近核对：暂无记录'}</Text>
    </View>
  );
}

export default function CatalogItemPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const code = param(params.code);
  const community = param(params.community);
  const item = useCatalogItem(code, community);

  if (!code) {
    return (
      <PageShell title="证明事项">
        <Notice tone="error" title="没有指明是哪张证明">请回到首页重新选择。</Notice>
      </PageShell>
    );
  }
  if (item.isPending || item.isError) return <PageShell title="证明事项"><QueryState query={item} /></PageShell>;
  const d = item.data;
  return (
    <PageShell title={d.name} intro={d.aliases.length ? `也叫：${d.aliases.join('、')}` : undefined}>
      <Banner item={d} />
      {leadsToAllowance(d) ? (
        <View className={styles.service}>
          <Text className={styles.serviceText}>要领高龄津贴，不用开这张证明，在手机上就能申请。</Text>
          <Button onClick={() => void Taro.navigateTo({ url: ALLOWANCE_ELDER_PAGE })}>为家人申请高龄津贴</Button>
        </View>
      ) : null}
      {d.list === 'not_issue' ? <NotIssue item={d} /> : <Issue item={d} community={community || readBookingCommunity() || ''} />}
      {d.usedFor ? (
        <Section title="以前常用来办">
          <Text className={styles.plain}>{displayText(d.usedFor)}</Text>
        </Section>
      ) : null}
      {d.list === 'not_issue' ? (
        <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: pageUrl('report', { code: d.code }) })}>
          还有人要我开这张证明
        </Button>
      ) : null}
      <SmallPrint item={d} />
    </PageShell>
  );
}
