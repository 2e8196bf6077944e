export default definePageConfig({ navigationBarTitleText: '核验代办' });
