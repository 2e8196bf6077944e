export default definePageConfig({ navigationBarTitleText: '选时间' });
