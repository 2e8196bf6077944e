export default definePageConfig({ navigationBarTitleText: '简办' });
