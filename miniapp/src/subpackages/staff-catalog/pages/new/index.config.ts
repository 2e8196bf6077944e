export default definePageConfig({ navigationBarTitleText: '新增本社区事项' });
