export default definePageConfig({ navigationBarTitleText: '津贴发放情况' });
