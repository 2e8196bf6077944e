export default definePageConfig({ navigationBarTitleText: '搜索里的服务用词' });
