export default definePageConfig({ navigationBarTitleText: '部门名录' });
