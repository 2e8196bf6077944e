export default definePageConfig({ navigationBarTitleText: '确认家人代办' });
