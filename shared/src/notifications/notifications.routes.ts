import { defineRoute, noInput } from '../route';
import { idParams } from '../common.schema';
import {
  creditList,
  inboxList,
  inboxMessageView,
  inboxQuery,
  markAllReadView,
  reportSubscriptionsInput,
  subscriptionTemplateList,
  templatesQuery,
  unreadView,
} from './notifications.schema';

// routes of the notifications module; spread into the route table in ../routes.ts
export const notificationsRoutes = {
  listInbox: defineRoute({ method: 'GET', path: '/inbox', summary: '我的消息（分页，新的在前）', auth: 'any', input: inboxQuery, output: inboxList }),
  inboxUnread: defineRoute({ method: 'GET', path: '/inbox/unread', summary: '未读消息数', auth: 'any', input: noInput, output: unreadView }),
  getInboxMessage: defineRoute({ method: 'GET', path: '/inbox/:id', summary: '一条消息', auth: 'any', input: noInput, params: idParams, output: inboxMessageView }),
  markInboxRead: defineRoute({ method: 'POST', path: '/inbox/:id/read', summary: '标为已读', auth: 'any', input: noInput, params: idParams, output: inboxMessageView }),
  markAllInboxRead: defineRoute({ method: 'POST', path: '/inbox/read-all', summary: '全部标为已读', auth: 'any', input: noInput, output: markAllReadView }),
  subscriptionTemplates: defineRoute({ method: 'GET', path: '/notifications/templates', summary: '办事时请居民订阅的微信消息模板', auth: 'resident', input: templatesQuery, output: subscriptionTemplateList }),
  reportSubscriptions: defineRoute({ method: 'POST', path: '/notifications/subscriptions', summary: '上报 wx.requestSubscribeMessage 的结果（接受一次 = 可推送一条）', auth: 'resident', input: reportSubscriptionsInput, output: creditList }),
  myCredits: defineRoute({ method: 'GET', path: '/notifications/credits', summary: '我还能收到几条微信通知（按模板）', auth: 'resident', input: noInput, output: creditList }),
} as const;
