export default definePageConfig({ navigationBarTitleText: '同意使用信息' });
