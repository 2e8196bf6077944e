export default definePageConfig({ navigationBarTitleText: '为谁申请' });
