export default definePageConfig({ navigationBarTitleText: '津贴领取人' });
