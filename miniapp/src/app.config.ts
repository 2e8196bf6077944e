export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/services/index',
    'pages/messages/index',
    'pages/me/index',
    'pages/family-add/index',
    'pages/staff-login/index',
  ],
  // everything past the first screens lives in subpackages to keep the main package small; one line per feature
  subPackages: [
    { root: 'subpackages/staff', pages: ['pages/elders/index'] },
    { root: 'subpackages/family', pages: ['pages/verify/index', 'pages/invite/index', 'pages/name/index'] },
    { root: 'subpackages/catalog', pages: ['pages/item/index', 'pages/report/index', 'pages/my-reports/index', 'pages/work-lists/index'] },
    { root: 'subpackages/staff-catalog', pages: ['pages/items/index', 'pages/edit/index', 'pages/new/index', 'pages/proposals/index', 'pages/reports/index', 'pages/board/index', 'pages/work-lists/index', 'pages/service-words/index', 'pages/departments/index'] },
    { root: 'subpackages/inbox', pages: ['pages/detail/index'] },
    { root: 'subpackages/booking', pages: ['pages/start/index', 'pages/person/index', 'pages/slot/index', 'pages/confirm/index', 'pages/detail/index', 'pages/mine/index'] },
    { root: 'subpackages/staff-admin', pages: ['pages/accounts/index', 'pages/account/index', 'pages/edit/index', 'pages/password/index', 'pages/region-holds/index'] },
    { root: 'subpackages/allowance', pages: ['pages/index/index', 'pages/elder/index', 'pages/consent/index', 'pages/account/index', 'pages/review/index', 'pages/status/index', 'pages/publicity/index'] },
    { root: 'subpackages/staff-allowance', pages: ['pages/queue/index', 'pages/reviews/index', 'pages/detail/index', 'pages/policy/index'] },
    { root: 'subpackages/staff-booking', pages: ['pages/day/index', 'pages/queue/index', 'pages/detail/index', 'pages/scan/index', 'pages/walk-in/index', 'pages/flagged/index', 'pages/export/index', 'pages/holidays/index', 'pages/settings/index', 'pages/closures/index', 'pages/service-items/index'] },
    { root: 'subpackages/allowance-pay', pages: ['pages/payments/index', 'pages/invitation/index'] },
    { root: 'subpackages/staff-allowance-pay', pages: ['pages/months/index', 'pages/figures/index', 'pages/tasks/index', 'pages/settings/index', 'pages/recipient/index', 'pages/recipients/index', 'pages/roll/index'] },
    { root: 'subpackages/staff-registry', pages: ['pages/imports/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '简办',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f3f4f6',
  },
  // custom: src/custom-tab-bar (icons, 长辈模式, the unread badge); H5 draws the same bar in PageShell
  tabBar: {
    custom: true,
    color: '#4a4a4a',
    selectedColor: '#0b57d0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/services/index', text: '办事' },
      { pagePath: 'pages/messages/index', text: '消息' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
});
