export default definePageConfig({ navigationBarTitleText: '本社区老人' });
