export default definePageConfig({ navigationBarTitleText: '没对上的旧社区' });
