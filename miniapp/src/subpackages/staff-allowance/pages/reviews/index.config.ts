export default definePageConfig({ navigationBarTitleText: '高龄津贴审核' });
