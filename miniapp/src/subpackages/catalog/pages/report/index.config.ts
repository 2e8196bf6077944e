export default definePageConfig({ navigationBarTitleText: '反映情况' });
