export default definePageConfig({ navigationBarTitleText: '门口公示牌' });
