export default definePageConfig({ navigationBarTitleText: '发放设置' });
