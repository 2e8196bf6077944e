export default definePageConfig({ navigationBarTitleText: '户籍数据导入' });
