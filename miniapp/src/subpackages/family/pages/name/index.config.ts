export default definePageConfig({ navigationBarTitleText: '我的称呼' });
