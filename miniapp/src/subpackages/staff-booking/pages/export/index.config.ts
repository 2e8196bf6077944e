export default definePageConfig({ navigationBarTitleText: '导出预约' });
