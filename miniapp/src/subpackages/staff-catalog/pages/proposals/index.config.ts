export default definePageConfig({ navigationBarTitleText: '修改建议' });
