export default definePageConfig({ navigationBarTitleText: '当天的预约' });
