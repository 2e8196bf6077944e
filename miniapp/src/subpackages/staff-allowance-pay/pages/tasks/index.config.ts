export default definePageConfig({ navigationBarTitleText: '津贴待办' });
