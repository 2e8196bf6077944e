export default definePageConfig({ navigationBarTitleText: '修改工作清单' });
