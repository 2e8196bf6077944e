import { defineRoute, noInput } from '../route';
import { serviceWordsHistoryView, serviceWordsList, serviceWordsParams, serviceWordsView, updateServiceWordsInput } from './service-words.schema';

const staffAll = ['community_staff', 'street_reviewer', 'district_admin'] as const;

// routes of the search's service words (issue 13); spread into the route table in ../routes.ts
export const serviceWordsRoutes = {
  searchServiceWords: defineRoute({ method: 'GET', path: '/staff/catalog/service-words', summary: '搜索里通向各项服务的词（高龄津贴、预约办事……）', auth: 'staff', roles: staffAll, input: noInput, output: serviceWordsList }),
  updateSearchServiceWords: defineRoute({ method: 'PUT', path: '/staff/catalog/service-words/:service', summary: '区管理员：修改通向一项服务的词，保留历史版本', auth: 'staff', roles: ['district_admin'], input: updateServiceWordsInput, params: serviceWordsParams, output: serviceWordsView }),
  searchServiceWordsHistory: defineRoute({ method: 'GET', path: '/staff/catalog/service-words/:service/history', summary: '服务用词的历史版本（谁、何时、加了删了哪些词）', auth: 'staff', roles: staffAll, input: noInput, params: serviceWordsParams, output: serviceWordsHistoryView }),
} as const;
