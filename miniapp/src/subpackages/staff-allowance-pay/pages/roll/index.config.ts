export default definePageConfig({ navigationBarTitleText: '导入在册名单' });
