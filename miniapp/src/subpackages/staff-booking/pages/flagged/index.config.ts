export default definePageConfig({ navigationBarTitleText: '超时提醒' });
