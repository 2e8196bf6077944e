export default definePageConfig({ navigationBarTitleText: '村级工作清单' });
