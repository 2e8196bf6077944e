export default definePageConfig({ navigationBarTitleText: '发放月份' });
