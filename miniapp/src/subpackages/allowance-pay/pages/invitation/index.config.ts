export default definePageConfig({ navigationBarTitleText: '确认领取高龄津贴' });
