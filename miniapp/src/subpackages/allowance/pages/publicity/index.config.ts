export default definePageConfig({ navigationBarTitleText: '公示名单' });
