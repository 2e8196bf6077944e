import { z } from 'zod';
import { defineRoute, noInput } from './route';
import { healthView } from './system/system.schema';
import { communityParams, idParams, pageQuery } from './common.schema';
import {
  addFamilyMemberInput,
  devWechatCodeInput,
  devWechatCodeView,
  elderList,
  familyMemberList,
  familyMemberView,
  meView,
  updateMeInput,
  refreshInput,
  regionList,
  sessionView,
  staffLoginInput,
  wechatLoginInput,
} from './identity/identity.schema';
import { catalogRoutes } from './catalog/catalog.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import { bookingRoutes } from './booking/booking.routes';
import { civilAffairsRoutes } from './civil-affairs/civil-affairs.routes';
import { staffAdminRoutes } from './identity/staff-admin.schema';
import { allowanceRoutes } from './allowance/allowance.routes';
import { proxiesRoutes } from './identity/proxies.schema';
import { serviceWordsRoutes } from './catalog/service-words.routes';
import { ledgerRoutes } from './allowance/ledger.routes';
import { stepUpRoutes } from './identity/step-up.schema';
import { regionHoldRoutes } from './identity/region-holds.schema';

const staffAll = ['community_staff', 'street_reviewer', 'district_admin'] as const;

export const routes = {
  health: defineRoute({ method: 'GET', path: '/health', summary: '服务与数据库健康检查', auth: 'public', input: noInput, output: healthView }),
  wechatLogin: defineRoute({ method: 'POST', path: '/auth/wechat', summary: '微信登录：用 wx.login 的 code 换取会话', auth: 'public', input: wechatLoginInput, output: sessionView }),
  staffLogin: defineRoute({ method: 'POST', path: '/auth/staff', summary: '工作人员用户名密码登录', auth: 'public', input: staffLoginInput, output: sessionView }),
  refreshSession: defineRoute({ method: 'POST', path: '/auth/refresh', summary: '用刷新令牌换新会话', auth: 'public', input: refreshInput, output: sessionView }),
  logout: defineRoute({ method: 'POST', path: '/auth/logout', summary: '退出登录', auth: 'any', whileTemporaryPassword: true, input: noInput, output: z.object({ ok: z.literal(true) }) }),
  devWechatCode: defineRoute({ method: 'POST', path: '/dev/wechat-code', summary: '开发/测试环境：向本地微信模拟服务申请登录 code（生产环境拒绝）', auth: 'public', input: devWechatCodeInput, output: devWechatCodeView }),
  me: defineRoute({ method: 'GET', path: '/me', summary: '当前登录的人', auth: 'any', whileTemporaryPassword: true, input: noInput, output: meView }),
  updateMe: defineRoute({ method: 'PATCH', path: '/me', summary: '居民修改自己的称呼', auth: 'resident', input: updateMeInput, output: meView }),
  regions: defineRoute({ method: 'GET', path: '/regions', summary: '区-街道-社区 行政区划树', auth: 'public', input: noInput, output: regionList }),
  listFamilyMembers: defineRoute({ method: 'GET', path: '/family-members', summary: '我代办的家人', auth: 'resident', input: noInput, output: familyMemberList }),
  addFamilyMember: defineRoute({ method: 'POST', path: '/family-members', summary: '添加代办的家人', auth: 'resident', status: 201, input: addFamilyMemberInput, output: familyMemberView }),
  removeFamilyMember: defineRoute({ method: 'DELETE', path: '/family-members/:id', summary: '移除代办的家人', auth: 'resident', input: noInput, params: idParams, output: z.object({ ok: z.literal(true) }) }),
  bindStaffWechat: defineRoute({ method: 'POST', path: '/staff/wechat-binding', summary: '工作人员：绑定本人微信，之后可在小程序中用微信登录', auth: 'staff', roles: staffAll, input: wechatLoginInput, output: meView }),
  communityElders: defineRoute({ method: 'GET', path: '/staff/communities/:code/elders', summary: '工作人员：本辖区登记的老人（证件号脱敏，分页）', auth: 'staff', roles: staffAll, input: pageQuery, params: communityParams, output: elderList }),
  // each domain module owns its routes in its own file
  ...staffAdminRoutes,
  ...catalogRoutes,
  ...notificationsRoutes,
  ...bookingRoutes,
  ...allowanceRoutes, ...proxiesRoutes, ...civilAffairsRoutes,
  ...serviceWordsRoutes,
  ...ledgerRoutes,
  ...stepUpRoutes,
  ...regionHoldRoutes,
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
