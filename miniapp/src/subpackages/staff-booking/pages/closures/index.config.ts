export default definePageConfig({ navigationBarTitleText: '临时闭馆' });
