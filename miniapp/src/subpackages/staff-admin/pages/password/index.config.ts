export default definePageConfig({ navigationBarTitleText: '改密码' });
