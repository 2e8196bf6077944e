export default definePageConfig({ navigationBarTitleText: '发放统计' });
