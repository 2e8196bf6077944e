export default definePageConfig({ navigationBarTitleText: '高龄津贴申请' });
