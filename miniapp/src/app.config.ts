export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/services/index',
    'pages/messages/index',
    'pages/me/index',
    'pages/family-add/index',
    'pages/staff-login/index',
    'pages/me-name/index',
  ],
  // staff pages stay out of the main package
  subPackages: [{ root: 'subpackages/staff', pages: ['pages/elders/index'] }],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '简办',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f3f4f6',
  },
  tabBar: {
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
