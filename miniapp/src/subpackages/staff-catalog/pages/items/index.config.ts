export default definePageConfig({ navigationBarTitleText: '证明事项清单' });
